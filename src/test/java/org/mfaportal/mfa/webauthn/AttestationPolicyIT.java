package org.mfaportal.mfa.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;
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
 * A policy's rules on security keys and passkeys, through the JSON API with webauthn4j's emulated authenticators of
 * three models. The test server loads the metadata statements in src/test/resources/webauthn-metadata: models A and
 * B chain to webauthn4j's 3-tier test root (as the emulator's certificates do), model C names another root.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AttestationPolicyIT {

    static final String MODEL_A = "a11ce000-0000-4000-8000-00000000000a";
    static final String MODEL_B = "b0b00000-0000-4000-8000-00000000000b";
    static final String MODEL_C = "c0ffee00-0000-4000-8000-00000000000c";
    private static final String ALL_KINDS = "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE";
    private static final String SECOND_FACTOR = "/api/webauthn/second-factor";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private String group;
    private PortalClient admin;

    @BeforeEach
    void ownGroup() {
        group = "att-" + UUID.randomUUID().toString().substring(0, 8);
        admin = new PortalClient(deploymentUrl);
    }

    private String username;

    /** A new account in this test's group, signed in. */
    private PortalClient signedInMember() {
        PortalClient session = new PortalClient(deploymentUrl);
        username = session.newAccount(group);
        session.signIn(username, TestSupportServlet.PASSWORD);
        return session;
    }

    private static PortalClient.Answer register(PortalClient session, EmulatedAuthenticator authenticator, String name) {
        String options = session.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();
        ObjectNode body = EmulatedAuthenticator.json("{}").asObject();
        body.put("name", name);
        body.put("passkey", false);
        body.set("credential", EmulatedAuthenticator.json(authenticator.create(options, null)));
        return session.postJson("/api/webauthn/registration", body.toString());
    }

    private static void assertRefused(PortalClient.Answer answer, String messageStart) {
        assertEquals(400, answer.status(), answer.body());
        String message = EmulatedAuthenticator.json(answer.body()).get("message").asString();
        assertTrue(message.startsWith(messageStart), message);
    }

    @Test
    void onlyAnAllowedModelCanBeRegistered() {
        admin.setPolicy(group, false, 14, ALL_KINDS, false, MODEL_A);
        PortalClient session = signedInMember();

        String options = session.postJson("/api/webauthn/registration/options", "{\"passkey\":false}").body();
        assertEquals("direct", EmulatedAuthenticator.json(options).get("attestation").asString(), "the model is asked for");
        assertRefused(register(session, EmulatedAuthenticator.ofModel(MODEL_B, session.origin()), "Model B"),
                "Your organisation allows only certain models of security keys and passkeys");
        assertEquals(201, register(session, EmulatedAuthenticator.ofModel(MODEL_A, session.origin()), "Model A").status());
    }

    @Test
    void noneAttestationIsRefusedWhenAttestationIsRequired() {
        admin.setPolicy(group, false, 14, ALL_KINDS, true);
        PortalClient session = signedInMember();

        assertRefused(register(session, EmulatedAuthenticator.withNoneAttestation(session.origin()), "No attestation"),
                "Your organisation requires security keys and passkeys to prove their model");
        assertEquals(201, register(session, EmulatedAuthenticator.ofModel(MODEL_B, session.origin()), "Model B").status(),
                "packed attestation chaining to the metadata's root for model B");
    }

    @Test
    void anAttestationThatDoesNotChainToTheMetadatasRootIsRefused() {
        admin.setPolicy(group, false, 14, ALL_KINDS, true);
        PortalClient session = signedInMember();

        assertRefused(register(session, EmulatedAuthenticator.ofModel(MODEL_C, session.origin()), "Model C"),
                "This key's proof of its model (attestation) could not be verified");
    }

    @Test
    void aKeyRegisteredBeforeTheRestrictionNoLongerCounts() {
        PortalClient session = signedInMember();
        EmulatedAuthenticator modelB = EmulatedAuthenticator.ofModel(MODEL_B, session.origin());
        assertEquals(201, register(session, modelB, "Model B").status());

        admin.setPolicy(group, true, 0, ALL_KINDS, false, MODEL_A);

        PortalClient later = new PortalClient(deploymentUrl);
        assertEquals("/mfa/authenticate", later.signIn(username, TestSupportServlet.PASSWORD).path());
        String assertion = modelB.get(later.postJson(SECOND_FACTOR + "/options", "{}").body(), null);
        assertEquals(200, later.postJson(SECOND_FACTOR, assertion).status(), "all the user has: it still proves them");
        PortalClient.Answer home = later.get("/");
        assertEquals("/account/security/", home.path(), "held to setting up a factor that counts, like a disallowed kind");
        assertTrue(home.body().contains("no longer allowed by your organisation"), "said in words");
        assertTrue(later.get("/account/security/webauthn").body().contains("Not counted: your organisation no longer allows this model of key"),
                "the key itself is marked");
    }

    @Test
    void aKeyThatStoppedCountingIsRefusedAtSignInWhileAnotherCounts() {
        PortalClient session = signedInMember();
        EmulatedAuthenticator modelA = EmulatedAuthenticator.ofModel(MODEL_A, session.origin());
        EmulatedAuthenticator modelB = EmulatedAuthenticator.ofModel(MODEL_B, session.origin());
        assertEquals(201, register(session, modelA, "Model A").status());
        assertEquals(201, register(session, modelB, "Model B").status());

        admin.setPolicy(group, true, 14, ALL_KINDS, false, MODEL_A);

        PortalClient later = new PortalClient(deploymentUrl);
        later.signIn(username, TestSupportServlet.PASSWORD);
        String withB = modelB.get(later.postJson(SECOND_FACTOR + "/options", "{}").body(), null);
        assertRefused(later.postJson(SECOND_FACTOR, withB), "Your organisation no longer accepts this model of security key or passkey.");
        String withA = modelA.get(later.postJson(SECOND_FACTOR + "/options", "{}").body(), null);
        assertEquals(200, later.postJson(SECOND_FACTOR, withA).status());
        assertEquals("/", later.get("/").path());
    }
}
