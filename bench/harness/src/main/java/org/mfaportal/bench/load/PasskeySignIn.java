package org.mfaportal.bench.load;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
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
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One virtual user's passkey: registered once through the portal's JSON API (as {@code webauthn.js} does, after a
 * password + TOTP sign-in), kept in webauthn4j's emulator (a software authenticator with attestation "none", ES256),
 * then used for every sign-in: {@code POST /api/webauthn/passkey/options}, the emulator's assertion,
 * {@code POST /api/webauthn/passkey}, and the page the portal names next, which must greet the user. Each sign-in
 * starts with an empty cookie jar, like a browser without a session.
 */
final class PasskeySignIn {

    static final String API = "/api/webauthn";
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final BrowserSession browser;
    private final ClientPlatform authenticator;

    private PasskeySignIn(BrowserSession browser, URI baseUrl) {
        this.browser = browser;
        String origin = baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() == -1 ? "" : ":" + baseUrl.getPort());
        this.authenticator = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(new NoneAttestationAuthenticator()));
    }

    /** Signs in as {@code user} with password and TOTP, then registers a passkey for them. */
    static PasskeySignIn enrol(BrowserSession browser, URI baseUrl, UserRoster roster, RosterEntry user) throws SignInFailure, InterruptedException {
        PasskeySignIn passkey = new PasskeySignIn(browser, baseUrl);
        new BrowserSignIn(browser, roster, SignInFlow.PASSWORD_AND_TOTP, StepObserver.NONE, false).signInAs(user);
        try {
            Page optionsPage = browser.postJson(API + "/registration/options", "{\"passkey\":true}");
            expect(optionsPage, 200, "registration options");
            String credential = passkey.create(optionsPage.body());
            Page registered = browser.postJson(API + "/registration",
                    "{\"name\":\"bench passkey\",\"passkey\":true,\"credential\":" + credential + "}");
            expect(registered, 201, "registration");
        } catch (IOException e) {
            throw new SignInFailure("passkey registration: " + e);
        }
        return passkey;
    }

    BrowserSignIn.Timing signIn() throws SignInFailure, InterruptedException {
        try {
            browser.startOver();
            long started = System.nanoTime();
            Page options = browser.postJson(API + "/passkey/options", "{}");
            expect(options, 200, "passkey options");
            Page asserted = browser.postJson(API + "/passkey", get(options.body()));
            expect(asserted, 200, "passkey");
            JsonNode next = json(asserted.body()).get("next");
            String nextPage = next == null || next.isNull() ? BrowserSignIn.LANDING_PAGE : next.asString();
            Page landing = browser.get(nextPage);
            if (landing.status() != 200 || !landing.body().contains("id=\"greeting\"")) {
                throw new SignInFailure("landing page after the passkey (" + nextPage + "): no #greeting (" + landing.describe() + ")");
            }
            return new BrowserSignIn.Timing(started, System.nanoTime(), -1);
        } catch (HttpTimeoutException e) {
            throw new SignInFailure("request timed out after " + BrowserSession.REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new SignInFailure("I/O: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** {@code navigator.credentials.create()} with the portal's creation options (ES256, the emulator's only curve). */
    private String create(String optionsJson) {
        JsonNode options = json(optionsJson);
        JsonNode selection = options.get("authenticatorSelection");
        PublicKeyCredentialCreationOptions creation = new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(options.get("rp").get("id").asString(), options.get("rp").get("name").asString()),
                new PublicKeyCredentialUserEntity(bytes(options.get("user").get("id")), options.get("user").get("name").asString(),
                        options.get("user").get("displayName").asString()),
                new DefaultChallenge(bytes(options.get("challenge"))),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                options.get("timeout").asLong(), List.of(),
                new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.create(selection.get("residentKey").asString()),
                        UserVerificationRequirement.create(selection.get("userVerification").asString())),
                null, null);
        return CONVERTER.getJsonConverter().writeValueAsString(authenticator.create(creation));
    }

    /** {@code navigator.credentials.get()} for a discoverable credential (the portal lists none). */
    private String get(String optionsJson) {
        JsonNode options = json(optionsJson);
        PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(new DefaultChallenge(bytes(options.get("challenge"))),
                options.get("timeout").asLong(), options.get("rpId").asString(), List.of(),
                UserVerificationRequirement.create(options.get("userVerification").asString()), null);
        return CONVERTER.getJsonConverter().writeValueAsString(authenticator.get(request));
    }

    private static JsonNode json(String text) {
        return CONVERTER.getJsonMapper().readTree(text);
    }

    private static byte[] bytes(JsonNode node) {
        return Base64.getUrlDecoder().decode(node.asString());
    }

    private static void expect(Page page, int status, String what) throws SignInFailure {
        if (page.status() != status) {
            throw new SignInFailure(what + ": " + page.describe() + " " + page.body().substring(0, Math.min(200, page.body().length())));
        }
    }
}
