package org.mfaportal.mfa.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webauthn4j.data.UserVerificationRequirement;
import java.net.URL;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebAuthn JSON API against webauthn4j's emulated authenticator: the happy paths, and every kind of bad or hostile
 * input refused with a 400 and a message, never accepted, never a 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebAuthnApiIT {

    private static final String SECOND_FACTOR = "/api/webauthn/second-factor";
    private static final String PASSKEY = "/api/webauthn/passkey";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private String username;
    private EmulatedAuthenticator key;

    @BeforeEach
    void newAccountWithOneKey() {
        PortalClient session = new PortalClient(deploymentUrl);
        username = session.newAccount();
        key = new EmulatedAuthenticator(session.origin());
        session.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals(201, register(session, key, "Emulated key", false).status());
    }

    private static PortalClient.Answer register(PortalClient session, EmulatedAuthenticator authenticator, String name, boolean passkey) {
        String options = session.postJson("/api/webauthn/registration/options", "{\"passkey\":" + passkey + "}").body();
        String credential = authenticator.create(options, null);
        return session.postJson("/api/webauthn/registration", registrationBody(name, passkey, credential));
    }

    private static String registrationBody(String name, boolean passkey, String credential) {
        ObjectNode body = EmulatedAuthenticator.json("{}").asObject();
        body.put("name", name);
        body.put("passkey", passkey);
        body.set("credential", EmulatedAuthenticator.json(credential));
        return body.toString();
    }

    /** A new browser session that has passed the password and waits for the second factor. */
    private PortalClient pendingSignIn() {
        PortalClient session = new PortalClient(deploymentUrl);
        assertEquals("/mfa/authenticate", session.signIn(username, TestSupportServlet.PASSWORD).path());
        return session;
    }

    private String secondFactorAssertion(PortalClient session, EmulatedAuthenticator authenticator) {
        return authenticator.get(session.postJson(SECOND_FACTOR + "/options", "{}").body(), null);
    }

    private static void assertRefused(PortalClient.Answer answer, String expectedMessage) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(expectedMessage, EmulatedAuthenticator.json(answer.body()).get("message").asString());
    }

    @Test
    void securityKeyCompletesTheSecondFactor() {
        PortalClient session = pendingSignIn();

        PortalClient.Answer answer = session.postJson(SECOND_FACTOR, secondFactorAssertion(session, key));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("/", EmulatedAuthenticator.json(answer.body()).get("next").asString());
        assertTrue(session.get("/").body().contains("id=\"greeting\""));
    }

    @Test
    void replayedAssertionIsRefused() {
        PortalClient first = pendingSignIn();
        String assertion = secondFactorAssertion(first, key);
        assertEquals(200, first.postJson(SECOND_FACTOR, assertion).status());

        PortalClient second = pendingSignIn();
        second.postJson(SECOND_FACTOR + "/options", "{}");

        assertRefused(second.postJson(SECOND_FACTOR, assertion), "The key's response could not be verified.");
        assertFalse(second.get("/").body().contains("id=\"greeting\""));
    }

    @Test
    void answerWithoutAChallengeOfThisSessionIsRefused() {
        PortalClient other = pendingSignIn();
        String assertion = secondFactorAssertion(other, key);

        PortalClient session = pendingSignIn();
        assertRefused(session.postJson(SECOND_FACTOR, assertion), "This request has expired. Please try again.");
    }

    @Test
    void responseForAnotherChallengeIsRefused() {
        PortalClient session = pendingSignIn();
        String forFirstChallenge = secondFactorAssertion(session, key);
        session.postJson(SECOND_FACTOR + "/options", "{}");

        assertRefused(session.postJson(SECOND_FACTOR, forFirstChallenge), "The key's response could not be verified.");
    }

    @Test
    void responseFromAnotherOriginIsRefused() {
        PortalClient session = pendingSignIn();
        String options = session.postJson(SECOND_FACTOR + "/options", "{}").body();

        String phished = key.from("https://portal.evil.example").get(options, null);

        assertRefused(session.postJson(SECOND_FACTOR, phished), "The key's response could not be verified.");
    }

    @Test
    void keyOfAnotherAccountIsRefused() {
        PortalClient otherSession = new PortalClient(deploymentUrl);
        String other = otherSession.newAccount();
        otherSession.signIn(other, TestSupportServlet.PASSWORD);
        EmulatedAuthenticator othersKey = new EmulatedAuthenticator(otherSession.origin());
        assertEquals(201, register(otherSession, othersKey, "Other key", false).status());

        PortalClient session = pendingSignIn();
        String options = session.postJson(SECOND_FACTOR + "/options", "{}").body();
        ObjectNode assertion = EmulatedAuthenticator.json(othersKey.get(optionsAllowing(options, othersKey, otherSession), null)).asObject();

        assertRefused(session.postJson(SECOND_FACTOR, assertion.toString()), "That key is not registered for this account.");
    }

    /** The pending user's options, but allowing the other account's key (what a hostile client can ask its key for). */
    private static String optionsAllowing(String options, EmulatedAuthenticator othersKey, PortalClient othersSession) {
        ObjectNode node = EmulatedAuthenticator.json(options).asObject();
        String othersOptions = othersSession.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();
        node.set("allowCredentials", EmulatedAuthenticator.json(othersOptions).get("excludeCredentials"));
        return node.toString();
    }

    @Test
    void unknownCredentialIdIsRefused() {
        PortalClient session = pendingSignIn();
        ObjectNode assertion = EmulatedAuthenticator.json(secondFactorAssertion(session, key)).asObject();
        assertion.put("id", "bm90LWEtcmVnaXN0ZXJlZC1rZXk");
        assertion.put("rawId", "bm90LWEtcmVnaXN0ZXJlZC1rZXk");

        assertRefused(session.postJson(SECOND_FACTOR, assertion.toString()), "That key is not registered for this account.");
    }

    @Test
    void signCounterThatDoesNotIncreaseIsRefusedAsPossibleClone() {
        PortalClient first = pendingSignIn();
        assertEquals(200, first.postJson(SECOND_FACTOR, secondFactorAssertion(first, key)).status());
        key.authenticator.setCountUpEnabled(false);

        PortalClient second = pendingSignIn();
        assertRefused(second.postJson(SECOND_FACTOR, secondFactorAssertion(second, key)),
                "This key was refused because it may have been copied. Contact IT.");
        assertEquals(1, second.auditCount(username, "POSSIBLE_CLONED_KEY"));
    }

    @Test
    void malformedInputIsRefusedAndAuditedWithoutChangingAnything() {
        PortalClient session = pendingSignIn();
        String valid = secondFactorAssertion(session, key);
        ObjectNode truncated = EmulatedAuthenticator.json(valid).asObject();
        String authenticatorData = truncated.get("response").get("authenticatorData").asString();
        truncated.get("response").asObject().put("authenticatorData", authenticatorData.substring(0, authenticatorData.length() / 2));
        String[] bad = {"{", "[]", "\"text\"", "{\"id\":5,\"response\":\"x\",\"type\":true}", truncated.toString(), "{\"pad\":\"" + "A".repeat(100_000) + "\"}"};
        long refusedBefore = session.auditCount(username, "WEBAUTHN_REFUSED");

        for (int i = 0; i < 4; i++) {
            session.postJson(SECOND_FACTOR + "/options", "{}");
            PortalClient.Answer answer = session.postJson(SECOND_FACTOR, bad[i + (i >= 3 ? 1 : 0)]);
            assertEquals(400, answer.status(), bad[i]);
            assertFalse(EmulatedAuthenticator.json(answer.body()).get("message").asString().isBlank());
        }
        assertTrue(session.auditCount(username, "WEBAUTHN_REFUSED") >= refusedBefore + 4);

        PortalClient.Answer stillPending = session.postJson(SECOND_FACTOR, secondFactorAssertion(session, key));
        assertEquals(200, stillPending.status(), "four refusals left the pending sign-in usable: " + stillPending.body());
    }

    @Test
    void oversizedAndWronglyTypedRegistrationsAreRefused() {
        PortalClient session = new PortalClient(deploymentUrl);
        session.signIn(username, TestSupportServlet.PASSWORD);
        PortalClient.Answer secondFactorNeeded = session.get("/");
        assertNotEquals(500, secondFactorNeeded.status());

        PortalClient signedIn = signedInWithKey();
        EmulatedAuthenticator another = new EmulatedAuthenticator(signedIn.origin());
        String options = signedIn.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();
        String credential = another.create(options, null);

        assertRefused(signedIn.postJson("/api/webauthn/registration", registrationBody("x".repeat(101), false, credential)),
                "Give the key a name of at most 100 characters.");
        assertEquals(400, signedIn.postJson("/api/webauthn/registration", "{\"name\":\"k\",\"credential\":\"not an object\"}").status());
        assertEquals(400, signedIn.postJson("/api/webauthn/registration", "{\"name\":\"k\",\"credential\":{\"pad\":\"" + "A".repeat(70_000) + "\"}}").status());
        assertEquals(400, signedIn.postJson("/api/webauthn/registration", "not json").status());
    }

    private PortalClient signedInWithKey() {
        PortalClient session = pendingSignIn();
        assertEquals(200, session.postJson(SECOND_FACTOR, secondFactorAssertion(session, key)).status());
        return session;
    }

    @Test
    void registrationOptionsExcludeTheKeysAlreadyRegistered() {
        PortalClient session = signedInWithKey();
        String options = session.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();

        assertEquals(1, EmulatedAuthenticator.json(options).get("excludeCredentials").size());
        // the authenticator holding an excluded credential refuses to create another one (WebAuthn §6.3.2 step 3)
        assertThrows(RuntimeException.class, () -> key.create(options, null));
    }

    @Test
    void keyWithNoneAttestationRegistersAndSignsIn() {
        PortalClient signedIn = signedInWithKey();
        EmulatedAuthenticator noneAttested = EmulatedAuthenticator.withNoneAttestation(signedIn.origin());
        assertEquals(201, register(signedIn, noneAttested, "Passkey provider", false).status());

        PortalClient session = pendingSignIn();
        assertEquals(200, session.postJson(SECOND_FACTOR, secondFactorAssertion(session, noneAttested)).status());
    }

    @Test
    void credentialIdRegisteredToAnotherAccountIsRefused() {
        PortalClient othersSession = new PortalClient(deploymentUrl);
        othersSession.signIn(othersSession.newAccount(), TestSupportServlet.PASSWORD);
        EmulatedAuthenticator othersKey = EmulatedAuthenticator.withNoneAttestation(othersSession.origin());
        String othersOptions = othersSession.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();
        String othersCredential = othersKey.create(othersOptions, null);
        assertEquals(201, othersSession.postJson("/api/webauthn/registration", registrationBody("Theirs", false, othersCredential)).status());

        // "none" attestation signs nothing: pair the other account's attestation object with this session's challenge
        PortalClient session = signedInWithKey();
        String challenge = EmulatedAuthenticator.json(session.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body())
                .get("challenge").asString();
        ObjectNode forged = EmulatedAuthenticator.json(othersCredential).asObject();
        String clientData = "{\"type\":\"webauthn.create\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + session.origin() + "\"}";
        forged.get("response").asObject().put("clientDataJSON",
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(clientData.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertRefused(session.postJson("/api/webauthn/registration", registrationBody("Mine now", false, forged.toString())),
                "This key is already registered.");
    }

    @Test
    void registrationForAnotherRpIdIsRefused() {
        PortalClient session = signedInWithKey();
        EmulatedAuthenticator another = new EmulatedAuthenticator(session.origin());
        String options = session.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();

        assertRefused(session.postJson("/api/webauthn/registration", registrationBody("Evil", false, another.create(options, "evil.example"))),
                "The key's response could not be verified.");
    }

    @Test
    void keysThePolicyDoesNotAllowCannotBeRegistered() {
        PortalClient session = new PortalClient(deploymentUrl);
        String group = "apps-only-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        session.setPolicy(group, true, 14, "TOTP,RECOVERY_CODE");
        session.signIn(session.newAccount(group), TestSupportServlet.PASSWORD);

        assertRefused(session.postJson("/api/webauthn/registration/options", "{\"passkey\":false}"),
                "Your organisation's MFA policy does not allow this kind of key.");
        assertRefused(session.postJson("/api/webauthn/registration/options", "{\"passkey\":true}"),
                "Your organisation's MFA policy does not allow this kind of key.");
    }

    @Test
    void aPasskeyNoLongerAllowedNeitherSignsInAloneNorAsSecondFactorWhileTheAllowedKeyStillDoes() {
        PortalClient session = new PortalClient(deploymentUrl);
        String group = "no-passkeys-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        session.setPolicy(group, false, 14, "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE");
        username = session.newAccount(group);
        session.signIn(username, TestSupportServlet.PASSWORD);
        key = new EmulatedAuthenticator(session.origin());
        assertEquals(201, register(session, key, "USB key", false).status());
        EmulatedAuthenticator passkey = new EmulatedAuthenticator(session.origin());
        assertEquals(201, register(session, passkey, "Phone", true).status());
        session.setPolicy(group, false, 14, "TOTP,SECURITY_KEY,RECOVERY_CODE");

        PortalClient passwordless = new PortalClient(deploymentUrl);
        assertRefused(passwordless.postJson(PASSKEY, passkey.get(passwordless.postJson(PASSKEY + "/options", "{}").body(), null)),
                "Your organisation's MFA policy does not allow this kind of key.");
        assertFalse(passwordless.get("/").body().contains("id=\"greeting\""));

        PortalClient pending = pendingSignIn();
        assertRefused(pending.postJson(SECOND_FACTOR, secondFactorAssertion(pending, passkey)),
                "Your organisation no longer accepts passkeys. Use another factor.");
        PortalClient.Answer withKey = pending.postJson(SECOND_FACTOR, secondFactorAssertion(pending, key));
        assertEquals(200, withKey.status(), withKey.body());
        assertTrue(pending.get("/").body().contains("id=\"greeting\""));
    }

    @Test
    void passkeySignsInOnlyWithUserVerification() {
        PortalClient signedIn = signedInWithKey();
        EmulatedAuthenticator passkey = new EmulatedAuthenticator(signedIn.origin());
        assertEquals(201, register(signedIn, passkey, "Phone", true).status());

        PortalClient withoutVerification = new PortalClient(deploymentUrl);
        String options = withoutVerification.postJson(PASSKEY + "/options", "{}").body();
        assertRefused(withoutVerification.postJson(PASSKEY, passkey.get(options, UserVerificationRequirement.DISCOURAGED)),
                "The key's response could not be verified.");
        assertFalse(withoutVerification.get("/").body().contains("id=\"greeting\""));

        PortalClient verified = new PortalClient(deploymentUrl);
        PortalClient.Answer answer = verified.postJson(PASSKEY, passkey.get(verified.postJson(PASSKEY + "/options", "{}").body(), null));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(verified.get("/").body().contains("id=\"greeting\""));
    }

    @Test
    void mutatedAssertionsAreNeverAcceptedAndNeverFailTheServer() {
        Random random = new Random(20261130L);
        for (int round = 0; round < 30; round++) {
            PortalClient session = pendingSignIn();
            char[] assertion = secondFactorAssertion(session, key).toCharArray();
            int position = random.nextInt(assertion.length);
            char original = assertion[position];
            char mutated;
            do {
                mutated = (char) (32 + random.nextInt(95));
            } while (mutated == original);
            assertion[position] = mutated;

            PortalClient.Answer answer = session.postJson(SECOND_FACTOR, new String(assertion));

            assertNotEquals(500, answer.status(), "round " + round);
            String around = new String(assertion, Math.max(0, position - 40), Math.min(assertion.length, position + 20) - Math.max(0, position - 40));
            assertNotEquals(200, answer.status(), "round " + round + " accepted a mutated assertion at " + position + ": " + around);
            // the genuine answer still works, which also resets the account's count of failed second factors
            assertEquals(200, session.postJson(SECOND_FACTOR, secondFactorAssertion(session, key)).status(), "round " + round);
        }
    }
}
