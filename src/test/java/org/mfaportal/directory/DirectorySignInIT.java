package org.mfaportal.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mfaportal.mfa.webauthn.EmulatedAuthenticator;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;
import org.mfaportal.testing.TestDirectory;

/**
 * Directory users sign in through the portal's login page against a real LDAP server on loopback (UnboundID's in-memory
 * server in this test JVM, StartTLS with a certificate the portal trusts through its configuration).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectorySignInIT {

    private static final String WRONG_PASSWORD = "The username or password is incorrect.";
    private static final String DIRECTORY_DOWN = "The company directory cannot be reached. Please try again later.";
    private static final String PASSKEY = "/api/webauthn/passkey";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war()
                .addClass(DirectoryTestSupportServlet.class)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config-directory.jar")
                        .addAsManifestResource("config-directory/microprofile-config.properties", "microprofile-config.properties"));
    }

    @ArquillianResource
    URL deploymentUrl;

    private static TestDirectory directory;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = TestDirectory.start(Integer.getInteger("test.ldap.port"), Path.of(System.getProperty("test.ldap.trust-store")));
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    /** A new person in the directory (password {@code <uid>-directory-pass}), member of these groups (created when missing). */
    private static String newDirectoryUser(String... groups) throws Exception {
        String uid = "d-" + UUID.randomUUID().toString().substring(0, 8);
        directory.addEntry("dn: " + TestDirectory.userDn(uid), "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson", "uid: " + uid, "cn: Person " + uid, "sn: " + uid, "mail: " + uid + "@example.test",
                "userPassword: " + password(uid));
        for (String group : groups) {
            String dn = "cn=" + group + "," + TestDirectory.GROUPS;
            try {
                directory.add(dn, "member", TestDirectory.userDn(uid));
            } catch (com.unboundid.ldap.sdk.LDAPException missing) {
                directory.addEntry("dn: " + dn, "objectClass: top", "objectClass: groupOfNames", "cn: " + group, "member: " + TestDirectory.userDn(uid));
            }
        }
        return uid;
    }

    private static String password(String uid) {
        return uid + "-directory-pass";
    }

    private PortalClient client() {
        return new PortalClient(deploymentUrl);
    }

    private Map<String, String> localRecord(String username) {
        String body = client().get("/test-support/directory-account?username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)).body();
        if ("none".equals(body)) {
            return Map.of();
        }
        return Arrays.stream(body.split("\n")).map(line -> line.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    private static void assertSignedIn(PortalClient session) {
        assertTrue(session.get("/").body().contains("id=\"greeting\""), "signed in");
    }

    private static void assertRefused(PortalClient.Answer answer, String message) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals("/login", answer.path());
        assertTrue(answer.body().contains(message), answer.body());
    }

    @Test
    void directoryPasswordSignsInAndCreatesALocalRecordWithoutLocalPassword() throws Exception {
        String uid = newDirectoryUser("engineering");
        PortalClient session = client();

        session.signIn(uid, password(uid));

        assertSignedIn(session);
        Map<String, String> record = localRecord(uid);
        assertEquals("DIRECTORY", record.get("source"));
        assertTrue(record.get("externalId").matches("[0-9a-f-]{36}"), record.toString());
        assertEquals("Person " + uid, record.get("displayName"));
        assertEquals(uid + "@example.test", record.get("email"));
        assertEquals("engineering,everyone", record.get("groups"), "nested: engineering is a member of everyone");
        assertEquals("ACTIVE", record.get("status"));
        assertNotEquals("null", record.get("refreshedAt"));
        assertEquals("false", record.get("localPassword"));
        assertEquals(1, session.auditCount(uid, "DIRECTORY_ACCOUNT_CREATED"));
    }

    @Test
    void wrongDirectoryPasswordIsTheUsualRefusal() throws Exception {
        String uid = newDirectoryUser();

        assertRefused(client().signIn(uid, "not-" + password(uid)), WRONG_PASSWORD);
        assertRefused(client().signIn(uid, " "), WRONG_PASSWORD);
        assertEquals(Map.of(), localRecord(uid), "no record before a successful sign-in");
    }

    @Test
    void changedNameEmailAndGroupsAreTakenOverAtTheNextSignIn() throws Exception {
        String uid = newDirectoryUser("engineering");
        client().signIn(uid, password(uid));
        String externalId = localRecord(uid).get("externalId");
        directory.replace(TestDirectory.userDn(uid), "cn", "Renamed " + uid);
        directory.replace(TestDirectory.userDn(uid), "mail", "new-" + uid + "@example.test");
        directory.remove("cn=engineering," + TestDirectory.GROUPS, "member", TestDirectory.userDn(uid));
        directory.add("cn=finance," + TestDirectory.GROUPS, "member", TestDirectory.userDn(uid));

        PortalClient session = client();
        session.signIn(uid, password(uid));

        assertSignedIn(session);
        Map<String, String> record = localRecord(uid);
        assertEquals("Renamed " + uid, record.get("displayName"));
        assertEquals("new-" + uid + "@example.test", record.get("email"));
        assertEquals("everyone,finance", record.get("groups"));
        assertEquals(externalId, record.get("externalId"), "the same local record");
        assertEquals(1, session.auditCount(uid, "DIRECTORY_ACCOUNT_REFRESHED"));
    }

    @Test
    void directoryGroupPolicyHoldsTheUserToEnrolment() throws Exception {
        String group = "mfa-required-" + UUID.randomUUID().toString().substring(0, 8);
        client().setPolicy(group, true, 0, "TOTP,SECURITY_KEY,PASSKEY");
        String uid = newDirectoryUser(group);
        PortalClient session = client();

        session.signIn(uid, password(uid));

        PortalClient.Answer landing = session.get("/");
        assertTrue(landing.path().startsWith("/account/security"), "only the factor setup pages are reachable: " + landing.path());
        assertEquals(group, localRecord(uid).get("groups"));
    }

    @Test
    void directoryAdminGroupMakesAnAdminAndAGroupCalledAdminDoesNot() throws Exception {
        String itAdmin = newDirectoryUser("it-admins");
        PortalClient admin = client();
        admin.signIn(itAdmin, password(itAdmin));
        assertEquals(200, admin.get("/admin/").status());
        assertEquals("/admin/", admin.get("/admin/").path());
        assertEquals("admin,it-admins", localRecord(itAdmin).get("groups"));

        String namesake = newDirectoryUser("admin");
        PortalClient member = client();
        member.signIn(namesake, password(namesake));
        assertSignedIn(member);
        assertEquals(403, member.get("/admin/").status());
        assertEquals("", localRecord(namesake).get("groups"), "the directory's group called admin is not the portal's");
    }

    @Test
    void userRemovedFromTheDirectoryCannotSignInAndIsMarked() throws Exception {
        String uid = newDirectoryUser();
        client().signIn(uid, password(uid));
        directory.delete(TestDirectory.userDn(uid));

        assertRefused(client().signIn(uid, password(uid)), WRONG_PASSWORD);

        assertEquals("REMOVED", localRecord(uid).get("status"));
        assertEquals(1, client().auditCount(uid, "DIRECTORY_ACCOUNT_REMOVED"));
    }

    @Test
    void hourlyCheckMarksUsersTheDirectoryRemovedOrDisabledWithoutWaitingForASignIn() throws Exception {
        String removed = newDirectoryUser();
        String disabled = newDirectoryUser();
        String staying = newDirectoryUser();
        for (String uid : new String[] {removed, disabled, staying}) {
            client().signIn(uid, password(uid));
        }
        directory.delete(TestDirectory.userDn(removed));
        directory.add(TestDirectory.userDn(disabled), "userAccountControl", "66050");

        client().postJson("/test-support/directory-check", "");

        assertEquals("REMOVED", localRecord(removed).get("status"));
        assertEquals("DISABLED", localRecord(disabled).get("status"));
        assertEquals("ACTIVE", localRecord(staying).get("status"));
        assertEquals(1, client().auditCount(disabled, "DIRECTORY_ACCOUNT_DISABLED"));
    }

    @Test
    void activeDirectoryDisabledUserCannotSignIn() throws Exception {
        assertRefused(client().signIn("erin", "erin-directory-pass"), WRONG_PASSWORD);
        assertEquals(Map.of(), localRecord("erin"));

        String uid = newDirectoryUser();
        client().signIn(uid, password(uid));
        directory.add(TestDirectory.userDn(uid), "userAccountControl", "514");

        assertRefused(client().signIn(uid, password(uid)), WRONG_PASSWORD);
        assertEquals("DISABLED", localRecord(uid).get("status"));
    }

    @Test
    void userMatchedByTheDisabledFilterCannotSignIn() throws Exception {
        String uid = newDirectoryUser();
        client().signIn(uid, password(uid));
        directory.add(TestDirectory.userDn(uid), "description", "left the company");

        assertRefused(client().signIn(uid, password(uid)), WRONG_PASSWORD);
        assertEquals("DISABLED", localRecord(uid).get("status"));
    }

    @Test
    void directoryDownGivesAClearMessageAndLocalAccountsStillSignIn() throws Exception {
        String uid = newDirectoryUser();
        directory.stopListening();
        try {
            assertRefused(client().signIn(uid, password(uid)), DIRECTORY_DOWN);

            PortalClient breakGlass = client();
            breakGlass.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
            assertEquals(200, breakGlass.get("/admin/").status());
            assertEquals(1, client().auditCount(uid, "DIRECTORY_UNREACHABLE"));
            assertEquals(0, client().auditCount(uid, "PASSWORD_REJECTED"), "not counted as a wrong password");
        } finally {
            directory.resume();
        }
        PortalClient later = client();
        later.signIn(uid, password(uid));
        assertSignedIn(later);
    }

    @Test
    void localAccountIsNeverDecidedByTheDirectory() {
        assertRefused(client().signIn(TestAccounts.STAFF.username(), "it-staff-directory-pass"), WRONG_PASSWORD);
        assertEquals("LOCAL", localRecord(TestAccounts.STAFF.username()).get("source"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dan*", "*", "*)(uid=*))(|(uid=*", "dana)(|(uid=*", "*)(objectClass=*", "\\", "da\u0000na", "d*a"})
    void injectionStringsNeverSignAnyoneIn(String username) {
        PortalClient.Answer answer = client().signIn(username, "dana-directory-pass");

        assertRefused(answer, WRONG_PASSWORD);
        assertEquals(Map.of(), localRecord(username));
    }

    @Test
    void veryLongUsernameIsRefusedWithoutAServerError() {
        assertRefused(client().signIn("a".repeat(5_000), "dana-directory-pass"), "");
    }

    @Test
    void passkeyOfAUserRemovedOrDisabledInTheDirectoryNoLongerSignsIn() throws Exception {
        String uid = newDirectoryUser();
        PortalClient session = client();
        session.signIn(uid, password(uid));
        EmulatedAuthenticator passkey = new EmulatedAuthenticator(session.origin());
        String options = session.postJson("/api/webauthn/registration/options", "{\"passkey\":true}").body();
        String body = "{\"name\":\"Phone\",\"passkey\":true,\"credential\":" + passkey.create(options, null) + "}";
        assertEquals(201, session.postJson("/api/webauthn/registration", body).status());

        assertEquals(200, passkeySignIn(passkey).status(), "a passkey signs in while the directory has the user");

        directory.stopListening();
        try {
            PortalClient.Answer down = passkeySignIn(passkey);
            assertEquals(400, down.status());
            assertEquals(DIRECTORY_DOWN, EmulatedAuthenticator.json(down.body()).get("message").asString());
        } finally {
            directory.resume();
        }

        directory.add(TestDirectory.userDn(uid), "userAccountControl", "514");
        assertEquals(400, passkeySignIn(passkey).status(), "disabled in the directory");
        assertEquals("DISABLED", localRecord(uid).get("status"));

        directory.delete(TestDirectory.userDn(uid));
        assertEquals(400, passkeySignIn(passkey).status(), "removed from the directory");
        assertEquals("REMOVED", localRecord(uid).get("status"));
    }

    private PortalClient.Answer passkeySignIn(EmulatedAuthenticator passkey) {
        PortalClient session = client();
        return session.postJson(PASSKEY, passkey.get(session.postJson(PASSKEY + "/options", "{}").body(), null));
    }
}
