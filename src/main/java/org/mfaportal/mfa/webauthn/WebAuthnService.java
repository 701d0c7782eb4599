package org.mfaportal.mfa.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.CredentialPropertiesOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.WebAuthnCredential;
import org.mfaportal.mfa.webauthn.WebAuthnOptions.AuthenticatorSelection;
import org.mfaportal.mfa.webauthn.WebAuthnOptions.CredentialDescriptor;
import org.mfaportal.mfa.webauthn.WebAuthnOptions.CredentialParameters;
import org.mfaportal.mfa.webauthn.WebAuthnRefusal.Reason;
import org.mfaportal.policy.EffectivePolicy;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyRule;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.web.Messages;

/**
 * Security keys and passkeys (W3C WebAuthn Level 3) with webauthn4j: registration, second-factor assertions and
 * passwordless passkey assertions. Every refusal is audited.
 */
@Stateless
public class WebAuthnService {

    /** Responses of real authenticators are a few kilobytes; anything far larger is refused before parsing. */
    public static final int MAX_RESPONSE_LENGTH = 64 * 1024;

    /** ES256 first (every authenticator has it), EdDSA, then RS256 for Windows Hello. */
    private static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final WebAuthnManager WEBAUTHN = WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
    private static final AttestedCredentialDataConverter CREDENTIAL_DATA = new AttestedCredentialDataConverter(CONVERTER);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WebAuthnChallenges challenges;

    @Inject
    MfaService mfa;

    @Inject
    PolicyService policies;

    @Inject
    AuditService audit;

    @Inject
    AuthenticatorModels models;

    /** Options plus the id of the challenge inside them; the id stays on the server, in the user's session. */
    public record Started<T>(String challengeId, T options) {
    }

    /** A registered key and, for a user's first factor, the recovery codes to show once. */
    public record Registered(long authenticatorId, List<String> newRecoveryCodes) {
    }

    /** The account whose key signed the assertion. */
    public record Asserted(String username, long authenticatorId, String keyName) {
    }

    /** @throws WebAuthnRefusal when the user's policy does not allow this kind of key */
    public Started<WebAuthnOptions.Creation> startRegistration(UserAccount user, boolean passkey, RelyingParty rp) throws WebAuthnRefusal {
        requireAllowed(user, passkey ? FactorKind.PASSKEY : FactorKind.SECURITY_KEY);
        // the authenticator names its model only when asked for attestation; most browsers send a zero AAGUID otherwise
        String attestation = policies.effectiveFor(user).keys().needsAttestation() ? "direct" : "none";
        UserAccount account = em.find(UserAccount.class, user.getId());
        if (account.getWebAuthnUserHandle() == null) {
            account.assignWebAuthnUserHandle(WebAuthnChallenges.randomBase64Url(32));
        }
        WebAuthnChallenge challenge = challenges.issue(Ceremony.REGISTRATION, user.getId());
        AuthenticatorSelection selection = passkey
                ? new AuthenticatorSelection("required", true, "required")
                : new AuthenticatorSelection("discouraged", false, "discouraged");
        return new Started<>(challenge.getId(), new WebAuthnOptions.Creation(
                new WebAuthnOptions.RpEntity(rp.id(), rp.name()),
                new WebAuthnOptions.UserEntity(account.getWebAuthnUserHandle(), account.getUsername(), account.getDisplayName()),
                challenge.getChallenge(),
                ALGORITHMS.stream().map(alg -> new CredentialParameters("public-key", alg.getValue())).toList(),
                WebAuthnChallenges.LIFETIME.toMillis(),
                descriptorsOf(user),
                selection,
                attestation,
                Map.of("credProps", true)));
    }

    public Registered finishRegistration(UserAccount user, String challengeId, String name, boolean passkey, String responseJson, RelyingParty rp)
            throws WebAuthnRefusal {
        String keyName = name == null ? "" : name.strip();
        if (keyName.isEmpty() || keyName.length() > Authenticator.MAX_NAME_LENGTH) {
            throw refused(Reason.INVALID_NAME, user.getUsername(), "name of " + keyName.length() + " characters");
        }
        WebAuthnChallenge challenge = challenges.claim(challengeId, Ceremony.REGISTRATION, user.getId())
                .orElseThrow(() -> refused(Reason.CHALLENGE_EXPIRED, user.getUsername(), "registration"));
        RegistrationData registration;
        try {
            registration = WEBAUTHN.verifyRegistrationResponseJSON(wellFormed(responseJson),
                    new RegistrationParameters(serverProperty(rp, challenge), ALGORITHMS.stream()
                            .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg)).toList(), passkey, true));
        } catch (RuntimeException notVerified) {
            throw refused(Reason.NOT_VERIFIED, user.getUsername(), "registration: " + notVerified.getClass().getSimpleName());
        }
        AuthenticatorData<?> authenticatorData = registration.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credentialData = authenticatorData.getAttestedCredentialData();
        String credentialId = base64Url(credentialData.getCredentialId());
        if (findByCredentialId(credentialId).isPresent()) {
            throw refused(Reason.ALREADY_REGISTERED, user.getUsername(), credentialId);
        }
        Boolean residentKey = Optional.ofNullable(registration.getClientExtensions())
                .map(outputs -> outputs.getCredProps()).map(CredentialPropertiesOutput::getRk).orElse(null);
        WebAuthnCredential credential = new WebAuthnCredential(credentialId, base64Url(CREDENTIAL_DATA.convert(credentialData)),
                credentialData.getAaguid().toString(), authenticatorData.getSignCount(), transportsOf(registration.getTransports()),
                authenticatorData.isFlagUV(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS(),
                passkey && !Boolean.FALSE.equals(residentKey));
        Attestation attestation = attestationOf(registration, user);
        Authenticator key = Authenticator.webAuthn(em.getReference(UserAccount.class, user.getId()), keyName, credential,
                registration.getAttestationObject().getFormat(), attestation.verified(), clock.instant());
        // asked for a passkey, an authenticator may still make a plain key: judged by what it made
        requireAllowed(user, key.kind());
        requireAllowedModel(user, credential.aaguid(), attestation);
        try {
            List<String> recoveryCodes = mfa.addAuthenticator(user, key);
            em.flush();
            return new Registered(key.getId(), recoveryCodes);
        } catch (PersistenceException registeredConcurrently) {
            throw refused(Reason.ALREADY_REGISTERED, user.getUsername(), credentialId);
        }
    }

    /**
     * Whether the key proved its model: an attestation certificate whose statement webauthn4j verified (signature over
     * the new credential) and, when authenticator metadata is loaded, whose chain ends at a root the metadata names for
     * that AAGUID. "none" and self attestation prove nothing about the model. A key that claims a model the metadata
     * knows, with a certificate that does not chain to that model's roots, is refused outright while the user's policy
     * has rules on models (a counterfeit or a misconfigured key); a model the metadata does not know is simply not
     * verified.
     */
    private Attestation attestationOf(RegistrationData registration, UserAccount user) throws WebAuthnRefusal {
        AttestationStatement statement = registration.getAttestationObject().getAttestationStatement();
        if (!(statement instanceof CertificateBaseAttestationStatement certified) || certified.getX5c() == null || certified.getX5c().isEmpty()) {
            return new Attestation(false, false);
        }
        AuthenticatorMetadata metadata = models.metadata();
        if (!metadata.loaded()) {
            return new Attestation(true, true);
        }
        AAGUID aaguid = registration.getAttestationObject().getAuthenticatorData().getAttestedCredentialData().getAaguid();
        String model = PolicyRule.aaguid(aaguid.toString()).orElse(null);
        boolean trusted = metadata.verifies(aaguid, certified, clock.instant());
        if (!trusted && metadata.knows(model) && policies.effectiveFor(user).keys().needsAttestation()) {
            throw refused(Reason.ATTESTATION_NOT_TRUSTED, user.getUsername(), "model " + describeModel(model) + ", "
                    + registration.getAttestationObject().getFormat() + " attestation does not chain to the metadata's roots for it");
        }
        return new Attestation(true, trusted);
    }

    /** What the key's attestation showed: a certificate at all, and whether it verified. */
    private record Attestation(boolean certified, boolean verified) {
    }

    private void requireAllowedModel(UserAccount user, String aaguid, Attestation attestation) throws WebAuthnRefusal {
        String model = PolicyRule.aaguid(aaguid).orElse(null);
        Optional<EffectivePolicy.KeyRefusal> refusal = policies.effectiveFor(user).keys().refusal(model, attestation.verified());
        if (refusal.isPresent()) {
            Reason reason = refusal.get() == EffectivePolicy.KeyRefusal.MODEL_NOT_ALLOWED ? Reason.MODEL_NOT_ALLOWED
                    : attestation.certified() ? Reason.ATTESTATION_NOT_TRUSTED : Reason.ATTESTATION_MISSING;
            throw refused(reason, user.getUsername(), "model " + describeModel(model));
        }
    }

    /** For the audit log: the AAGUID and, when the metadata knows it, the model's name. */
    private String describeModel(String aaguid) {
        return aaguid + models.nameOf(aaguid).map(name -> " (" + name + ")").orElse("");
    }

    private void requireAllowed(UserAccount user, FactorKind kind) throws WebAuthnRefusal {
        if (!policies.allows(user, kind)) {
            throw refused(Reason.NOT_ALLOWED_BY_POLICY, user.getUsername(), kind.name());
        }
    }

    /**
     * Options for one of this user's keys: after the password ({@link Ceremony#SECOND_FACTOR}) or to confirm a
     * signed-in user ({@link Ceremony#REAUTHENTICATION}).
     */
    public Started<WebAuthnOptions.Request> startUserKeyCeremony(Ceremony ceremony, UserAccount user, RelyingParty rp) {
        WebAuthnChallenge challenge = challenges.issue(ceremony, user.getId());
        return new Started<>(challenge.getId(), new WebAuthnOptions.Request(challenge.getChallenge(), WebAuthnChallenges.LIFETIME.toMillis(),
                rp.id(), descriptorsOf(user), "discouraged"));
    }

    /** Options for a passkey: any discoverable credential, with user verification (it replaces password and factor). */
    public Started<WebAuthnOptions.Request> startPasskey(RelyingParty rp) {
        WebAuthnChallenge challenge = challenges.issue(Ceremony.PASSKEY, null);
        return new Started<>(challenge.getId(), new WebAuthnOptions.Request(challenge.getChallenge(), WebAuthnChallenges.LIFETIME.toMillis(),
                rp.id(), List.of(), "required"));
    }

    /**
     * Verifies an assertion against the stored credential: challenge, origin, RP id hash, user presence (and user
     * verification for passkeys), signature, and a signature counter that must grow.
     *
     * @param expectedUser the user of the pending sign-in for {@link Ceremony#SECOND_FACTOR}; null for passkeys
     */
    public Asserted verifyAssertion(Ceremony ceremony, String challengeId, UserAccount expectedUser, String responseJson, RelyingParty rp)
            throws WebAuthnRefusal {
        String subject = expectedUser == null ? null : expectedUser.getUsername();
        Long expectedUserId = expectedUser == null ? null : expectedUser.getId();
        WebAuthnChallenge challenge = challenges.claim(challengeId, ceremony, expectedUserId)
                .orElseThrow(() -> refused(Reason.CHALLENGE_EXPIRED, subject, ceremony.name()));
        AuthenticationData assertion;
        try {
            assertion = WEBAUTHN.parseAuthenticationResponseJSON(wellFormed(responseJson));
        } catch (RuntimeException notParsed) {
            throw refused(Reason.NOT_VERIFIED, subject, ceremony + ": " + notParsed.getClass().getSimpleName());
        }
        Authenticator key = findByCredentialId(base64Url(assertion.getCredentialId()))
                .filter(found -> expectedUserId == null || found.getUser().getId().equals(expectedUserId))
                .orElseThrow(() -> refused(Reason.UNKNOWN_KEY, subject, ceremony.name()));
        String owner = key.getUser().getUsername();
        // WebAuthn §7.2 step 6: a passkey must name its account; any user handle present must be the key's account
        boolean handlePresent = assertion.getUserHandle() != null && assertion.getUserHandle().length > 0;
        if ((ceremony == Ceremony.PASSKEY || handlePresent) && !Arrays.equals(assertion.getUserHandle(), handleBytes(key.getUser()))) {
            throw refused(Reason.UNKNOWN_KEY, owner, "user handle does not match the key's account");
        }
        WebAuthnCredential stored = key.getWebAuthnCredential();
        try {
            WEBAUTHN.verify(assertion, new AuthenticationParameters(serverProperty(rp, challenge), credentialRecordOf(stored),
                    List.of(assertion.getCredentialId()), ceremony == Ceremony.PASSKEY, true));
        } catch (MaliciousCounterValueException clone) {
            audit.recordOwn(AuditEventType.POSSIBLE_CLONED_KEY, owner, "\"" + key.getName() + "\": signature counter did not increase");
            throw refused(Reason.POSSIBLE_CLONE, owner, key.getName());
        } catch (RuntimeException notVerified) {
            throw refused(Reason.NOT_VERIFIED, owner, ceremony + ": " + notVerified.getClass().getSimpleName());
        }
        int accepted = em.createNamedQuery(Authenticator.ACCEPT_WEBAUTHN_SIGN_COUNT)
                .setParameter("signCount", assertion.getAuthenticatorData().getSignCount())
                .setParameter("now", clock.instant())
                .setParameter("id", key.getId())
                .setParameter("previousSignCount", stored.signCount())
                .executeUpdate();
        if (accepted != 1) {
            throw refused(Reason.NOT_VERIFIED, owner, "the key was used concurrently");
        }
        return new Asserted(owner, key.getId(), key.getName());
    }

    public void rename(UserAccount user, long authenticatorId, String name) throws WebAuthnRefusal {
        String keyName = name == null ? "" : name.strip();
        if (keyName.isEmpty() || keyName.length() > Authenticator.MAX_NAME_LENGTH) {
            throw refused(Reason.INVALID_NAME, user.getUsername(), "rename");
        }
        int renamed = em.createNamedQuery(Authenticator.RENAME).setParameter("name", keyName).setParameter("id", authenticatorId)
                .setParameter("userId", user.getId()).executeUpdate();
        if (renamed == 1) {
            audit.recordOwn(AuditEventType.FACTOR_RENAMED, user.getUsername(), "\"" + keyName + "\"");
        }
    }

    private Optional<Authenticator> findByCredentialId(String credentialId) {
        return em.createNamedQuery(Authenticator.BY_WEBAUTHN_CREDENTIAL_ID, Authenticator.class)
                .setParameter("credentialId", credentialId)
                .getResultStream()
                .findFirst();
    }

    private List<CredentialDescriptor> descriptorsOf(UserAccount user) {
        return mfa.authenticators(user, AuthenticatorType.WEBAUTHN).stream()
                .map(Authenticator::getWebAuthnCredential)
                .map(credential -> new CredentialDescriptor("public-key", credential.credentialId(),
                        credential.transports().isEmpty() ? List.of() : List.of(credential.transports().split(","))))
                .toList();
    }

    private static CredentialRecord credentialRecordOf(WebAuthnCredential stored) {
        AttestedCredentialData credentialData = CREDENTIAL_DATA.convert(Base64.getUrlDecoder().decode(stored.attestedCredentialData()));
        Set<AuthenticatorTransport> transports = stored.transports().isEmpty() ? Set.of()
                : Arrays.stream(stored.transports().split(",")).map(AuthenticatorTransport::create).collect(Collectors.toSet());
        return new CredentialRecordImpl(new NoneAttestationStatement(), stored.userVerified(), stored.backupEligible(), stored.backedUp(),
                stored.signCount(), credentialData, null, null, null, transports);
    }

    private static ServerProperty serverProperty(RelyingParty rp, WebAuthnChallenge challenge) {
        return new ServerProperty(rp.origins().stream().map(Origin::new).collect(Collectors.toSet()), rp.id(),
                new DefaultChallenge(Base64.getUrlDecoder().decode(challenge.getChallenge())));
    }

    private static String transportsOf(Set<AuthenticatorTransport> transports) {
        return transports == null ? "" : transports.stream().map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(","));
    }

    private static byte[] handleBytes(UserAccount user) {
        return user.getWebAuthnUserHandle() == null ? new byte[0] : Base64.getUrlDecoder().decode(user.getWebAuthnUserHandle());
    }

    private static String wellFormed(String json) {
        if (!ResponseShape.isWellFormed(json)) {
            throw new IllegalArgumentException("Not a well-formed PublicKeyCredential (size, id/rawId, type or base64url)");
        }
        return json;
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private WebAuthnRefusal refused(Reason reason, String username, String detail) {
        audit.record(AuditEventType.WEBAUTHN_REFUSED, username, username, Messages.text(Locale.ENGLISH, reason.messageKey()) + " (" + detail + ")");
        return new WebAuthnRefusal(reason, detail);
    }
}
