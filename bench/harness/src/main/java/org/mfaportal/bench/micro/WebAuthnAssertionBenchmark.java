package org.mfaportal.bench.micro;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mfaportal.mfa.WebAuthnCredential;
import org.mfaportal.mfa.webauthn.RelyingParty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU of verifying one WebAuthn assertion as {@code WebAuthnService.verifyAssertion} spends it, without its two
 * database statements (claiming the challenge, finding the key by credential id) and the sign-count update:
 * <ol>
 * <li>the portal's {@code ResponseShape.isWellFormed} (a JSON-P parse of the response, canonical base64url checks),</li>
 * <li>the portal's own {@code WebAuthnManager} (its private static field, non-strict) parsing the response JSON,</li>
 * <li>the credential id encoded for the lookup, and the user handle compared with the account's,</li>
 * <li>the stored credential turned into a {@code CredentialRecord} by the portal's private {@code credentialRecordOf}
 *     (base64url + CBOR decoding of the attested credential data) and the {@code ServerProperty} by its
 *     {@code serverProperty} (origin, RP id, challenge),</li>
 * <li>{@code WebAuthnManager.verify} with the portal's {@code AuthenticationParameters}: user verification required
 *     for a passkey, not for a security key (second factor), user presence required; so client data type, challenge,
 *     origin, RP id hash, flags, the ES256 signature and the signature counter are checked.</li>
 * </ol>
 * The portal's private helpers are reached by reflection (once, in the set-up), so the code measured is the deployed
 * code. The credential is made by webauthn4j's emulator through the portal's registration verification: ES256 with
 * attestation "none", as the portal asks for. (The emulator only makes ES256 and PS256 keys, so the portal's other
 * algorithms, EdDSA and RS256, are not measured.)
 * <p>
 * Every invocation verifies a different, genuine assertion: the set-up of each iteration signs {@link #POOL} assertions,
 * each over its own challenge with its own (increasing) signature counter, and pairs each with the stored credential
 * as the database would hold it just before (counter one lower). The benchmark cycles through that pool; since nothing
 * in the verification remembers earlier calls, a second pass is as fresh as the first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebAuthnAssertionBenchmark {

    static final int POOL = 512;
    static final String RP_ID = "mfa.example.org";
    static final String ORIGIN = "https://mfa.example.org";

    /** passkey: Ceremony.PASSKEY (user verification and user handle required); security-key: Ceremony.SECOND_FACTOR. */
    @Param({"passkey", "security-key"})
    public String kind;

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RelyingParty rp = new RelyingParty(RP_ID, "MFA Portal", Set.of(ORIGIN));
    private final Portal portal = new Portal();
    private ClientPlatform browser;
    private byte[] userHandle;
    private WebAuthnCredential registered;
    private PublicKey publicKey;
    private boolean passkey;
    private Prepared[] pool;
    private int next;

    /** One assertion as the browser posts it, with the challenge row it answers and the stored credential. */
    record Prepared(String responseJson, Object challenge, WebAuthnCredential stored, AuthenticationData parsed) {
    }

    @Setup(Level.Trial)
    public void register() throws Throwable {
        passkey = "passkey".equals(kind);
        browser = new ClientPlatform(new Origin(ORIGIN), new WebAuthnAuthenticatorAdaptor(new NoneAttestationAuthenticator()));
        userHandle = randomBytes(32);
        // WebAuthnService.startRegistration's options, finishRegistration's verification and stored credential
        byte[] challenge = randomBytes(32);
        PublicKeyCredentialCreationOptions options = new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(RP_ID, "MFA Portal"),
                new PublicKeyCredentialUserEntity(userHandle, "bench-user", "Bench User"),
                new DefaultChallenge(challenge),
                Portal.ALGORITHMS.stream().map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg)).toList(),
                300_000L, List.of(),
                new AuthenticatorSelectionCriteria(null, passkey ? ResidentKeyRequirement.REQUIRED : ResidentKeyRequirement.DISCOURAGED,
                        passkey ? UserVerificationRequirement.REQUIRED : UserVerificationRequirement.DISCOURAGED),
                null, null);
        String responseJson = CONVERTER.getJsonConverter().writeValueAsString(browser.create(options));
        RegistrationData registration = portal.manager.verifyRegistrationResponseJSON(responseJson, new RegistrationParameters(
                portal.serverProperty(rp, portal.challenge(base64Url(challenge))),
                Portal.ALGORITHMS.stream().map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg)).toList(),
                passkey, true));
        AuthenticatorData<?> authenticatorData = registration.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credentialData = authenticatorData.getAttestedCredentialData();
        if (!COSEAlgorithmIdentifier.ES256.equals(credentialData.getCOSEKey().getAlgorithm())) {
            throw new IllegalStateException("expected an ES256 key, got " + credentialData.getCOSEKey().getAlgorithm());
        }
        publicKey = credentialData.getCOSEKey().getPublicKey();
        registered = new WebAuthnCredential(base64Url(credentialData.getCredentialId()),
                base64Url(new AttestedCredentialDataConverter(CONVERTER).convert(credentialData)), credentialData.getAaguid().toString(),
                authenticatorData.getSignCount(), "", authenticatorData.isFlagUV(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS(),
                passkey);
    }

    @Setup(Level.Iteration)
    public void signAssertions() throws Throwable {
        pool = new Prepared[POOL];
        next = 0;
        // WebAuthnService.startPasskey / startUserKeyCeremony's options
        List<PublicKeyCredentialDescriptor> allow = passkey ? List.of()
                : List.of(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                        Base64.getUrlDecoder().decode(registered.credentialId()), Set.<AuthenticatorTransport>of()));
        for (int i = 0; i < POOL; i++) {
            byte[] challenge = randomBytes(32);
            PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(new DefaultChallenge(challenge), 300_000L, RP_ID,
                    allow, passkey ? UserVerificationRequirement.REQUIRED : UserVerificationRequirement.DISCOURAGED, null);
            String json = CONVERTER.getJsonConverter().writeValueAsString(browser.get(request));
            AuthenticationData parsed = portal.manager.parseAuthenticationResponseJSON(json);
            long signCount = parsed.getAuthenticatorData().getSignCount();
            WebAuthnCredential stored = new WebAuthnCredential(registered.credentialId(), registered.attestedCredentialData(), registered.aaguid(),
                    signCount - 1, registered.transports(), registered.userVerified(), registered.backupEligible(), registered.backedUp(),
                    registered.discoverable());
            pool[i] = new Prepared(json, portal.challenge(base64Url(challenge)), stored, parsed);
        }
        // the pool must pass, or the benchmark would time the refusals
        for (int i = 0; i < 2; i++) {
            verify(pool[i]);
        }
    }

    @Benchmark
    public long verifyAssertion() throws Throwable {
        Prepared assertion = pool[next];
        next = (next + 1) % POOL;
        return verify(assertion);
    }

    /**
     * Only the ES256 signature check inside that verification ({@code SHA256withECDSA} over authenticator data and the
     * client data hash, the JDK's provider as webauthn4j uses it): what the rest of the verification adds on top.
     */
    @Benchmark
    public boolean verifySignatureOnly() throws Exception {
        Prepared assertion = pool[next];
        next = (next + 1) % POOL;
        AuthenticationData parsed = assertion.parsed();
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(publicKey);
        signature.update(parsed.getAuthenticatorDataBytes());
        signature.update(parsed.getClientDataHash());
        return signature.verify(parsed.getSignature());
    }

    /** WebAuthnService.verifyAssertion up to the sign-count update, minus the database. */
    private long verify(Prepared prepared) throws Throwable {
        if (!portal.isWellFormed(prepared.responseJson())) {
            throw new IllegalStateException("not well-formed");
        }
        AuthenticationData assertion = portal.manager.parseAuthenticationResponseJSON(prepared.responseJson());
        // the key is looked up by the base64url credential id (here: the one stored key)
        if (!base64Url(assertion.getCredentialId()).equals(prepared.stored().credentialId())) {
            throw new IllegalStateException("unknown key");
        }
        boolean handlePresent = assertion.getUserHandle() != null && assertion.getUserHandle().length > 0;
        if ((passkey || handlePresent) && !Arrays.equals(assertion.getUserHandle(), userHandle)) {
            throw new IllegalStateException("user handle does not match");
        }
        portal.manager.verify(assertion, new AuthenticationParameters(portal.serverProperty(rp, prepared.challenge()),
                portal.credentialRecordOf(prepared.stored()), List.of(assertion.getCredentialId()), passkey, true));
        return assertion.getAuthenticatorData().getSignCount();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The portal's private pieces of WebAuthnService, ResponseShape and WebAuthnChallenge, opened once. */
    static final class Portal {

        /** WebAuthnService.ALGORITHMS (private) */
        static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA,
                COSEAlgorithmIdentifier.RS256);

        final WebAuthnManager manager;
        private final MethodHandle isWellFormed;
        private final MethodHandle credentialRecordOf;
        private final MethodHandle serverProperty;
        private final Constructor<?> challengeConstructor;
        private final Object passkeyCeremony;

        Portal() {
            try {
                Class<?> service = Class.forName("org.mfaportal.mfa.webauthn.WebAuthnService");
                Class<?> shape = Class.forName("org.mfaportal.mfa.webauthn.ResponseShape");
                Class<?> challenge = Class.forName("org.mfaportal.mfa.webauthn.WebAuthnChallenge");
                Class<?> ceremony = Class.forName("org.mfaportal.mfa.webauthn.Ceremony");
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Field webauthn = service.getDeclaredField("WEBAUTHN");
                webauthn.setAccessible(true);
                manager = (WebAuthnManager) webauthn.get(null);
                isWellFormed = lookup.unreflect(accessible(shape.getDeclaredMethod("isWellFormed", String.class)));
                credentialRecordOf = lookup.unreflect(accessible(service.getDeclaredMethod("credentialRecordOf", WebAuthnCredential.class)));
                serverProperty = lookup.unreflect(accessible(service.getDeclaredMethod("serverProperty", RelyingParty.class, challenge)))
                        .asType(java.lang.invoke.MethodType.methodType(ServerProperty.class, RelyingParty.class, Object.class));
                challengeConstructor = challenge.getDeclaredConstructor(String.class, ceremony, String.class, Long.class, Instant.class, Instant.class);
                challengeConstructor.setAccessible(true);
                passkeyCeremony = ceremony.getField("PASSKEY").get(null);
            } catch (ReflectiveOperationException portalChanged) {
                throw new IllegalStateException("the portal's WebAuthn classes are not as this benchmark expects", portalChanged);
            }
        }

        private static Method accessible(Method method) {
            method.setAccessible(true);
            return method;
        }

        boolean isWellFormed(String json) throws Throwable {
            return (boolean) isWellFormed.invokeExact(json);
        }

        CredentialRecord credentialRecordOf(WebAuthnCredential stored) throws Throwable {
            return (CredentialRecord) credentialRecordOf.invokeExact(stored);
        }

        ServerProperty serverProperty(RelyingParty rp, Object challenge) throws Throwable {
            return (ServerProperty) serverProperty.invokeExact(rp, challenge);
        }

        /** A WebAuthnChallenge row (the ceremony does not enter the verification). */
        Object challenge(String challengeBase64Url) throws ReflectiveOperationException {
            Instant now = Instant.now();
            return challengeConstructor.newInstance(base64Url(randomBytes(32)), passkeyCeremony, challengeBase64Url, null, now, now.plusSeconds(300));
        }
    }
}
