package org.mfaportal.mfa.webauthn;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticatorOfModel;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A software authenticator with its browser (webauthn4j's emulator), fed with the portal's options JSON. Tests may
 * make it misbehave the way a malicious client can: another origin, another RP id, no user verification.
 */
public final class EmulatedAuthenticator {

    private static final ObjectConverter CONVERTER = new ObjectConverter();

    final WebAuthnModelAuthenticator authenticator;
    private final ClientPlatform browser;

    /** An authenticator with packed (self) attestation. */
    public EmulatedAuthenticator(String origin) {
        this(new PackedAuthenticator(), origin);
    }

    /** An authenticator of one model (AAGUID) with packed basic attestation from webauthn4j's 3-tier test CA. */
    public static EmulatedAuthenticator ofModel(String aaguid, String origin) {
        return new EmulatedAuthenticator(new PackedAuthenticatorOfModel(aaguid), origin);
    }

    /** An authenticator with attestation "none", what most passkey providers send. */
    static EmulatedAuthenticator withNoneAttestation(String origin) {
        return new EmulatedAuthenticator(new NoneAttestationAuthenticator(), origin);
    }

    private EmulatedAuthenticator(WebAuthnModelAuthenticator authenticator, String origin) {
        this.authenticator = authenticator;
        this.browser = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
    }

    /** The same authenticator used from a page of another origin (a phishing site). */
    EmulatedAuthenticator from(String origin) {
        return new EmulatedAuthenticator(authenticator, origin);
    }

    public static JsonNode json(String text) {
        return CONVERTER.getJsonMapper().readTree(text);
    }

    private static byte[] bytes(JsonNode node) {
        return Base64.getUrlDecoder().decode(node.asString());
    }

    /** {@code navigator.credentials.create()}: answers the portal's creation options; {@code rpId} null keeps theirs. */
    public String create(String optionsJson, String rpId) {
        JsonNode options = json(optionsJson);
        JsonNode selection = options.get("authenticatorSelection");
        List<PublicKeyCredentialDescriptor> exclude = descriptors(options.get("excludeCredentials"));
        PublicKeyCredentialCreationOptions creation = new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(rpId != null ? rpId : options.get("rp").get("id").asString(), options.get("rp").get("name").asString()),
                new PublicKeyCredentialUserEntity(bytes(options.get("user").get("id")), options.get("user").get("name").asString(),
                        options.get("user").get("displayName").asString()),
                new DefaultChallenge(bytes(options.get("challenge"))),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                options.get("timeout").asLong(), exclude,
                new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.create(selection.get("residentKey").asString()),
                        UserVerificationRequirement.create(selection.get("userVerification").asString())),
                options.has("attestation") ? AttestationConveyancePreference.create(options.get("attestation").asString()) : null, null);
        return CONVERTER.getJsonConverter().writeValueAsString(browser.create(creation));
    }

    /** {@code navigator.credentials.get()}; {@code userVerification} null keeps the portal's requirement. */
    public String get(String optionsJson, UserVerificationRequirement userVerification) {
        JsonNode options = json(optionsJson);
        PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(
                new DefaultChallenge(bytes(options.get("challenge"))), options.get("timeout").asLong(), options.get("rpId").asString(),
                descriptors(options.get("allowCredentials")),
                userVerification != null ? userVerification : UserVerificationRequirement.create(options.get("userVerification").asString()),
                null);
        return CONVERTER.getJsonConverter().writeValueAsString(browser.get(request));
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(JsonNode list) {
        List<PublicKeyCredentialDescriptor> descriptors = new ArrayList<>();
        if (list != null) {
            list.forEach(d -> descriptors.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY, bytes(d.get("id")),
                    Set.<AuthenticatorTransport>of())));
        }
        return descriptors;
    }
}
