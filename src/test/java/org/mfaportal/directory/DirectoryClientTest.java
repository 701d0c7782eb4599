package org.mfaportal.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mfaportal.account.ExternalGroups;
import org.mfaportal.testing.TestDirectory;

/** The LDAP side of directory sign-in against a real LDAP server on loopback (StartTLS, self-signed certificate). */
class DirectoryClientTest {

    private static final Path TRUST_STORE = Path.of("target", "unit-ldap", "truststore.p12").toAbsolutePath();

    private static TestDirectory directory;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = TestDirectory.start(0, TRUST_STORE);
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    static DirectorySettings settings(String url, Optional<String> groupBase, boolean nested, Optional<String> disabledFilter,
            Optional<String> trustStore, String bindPassword) {
        return new DirectorySettings(url, TestDirectory.SERVICE_DN, bindPassword, TestDirectory.PEOPLE, "(&(objectClass=person)(uid={0}))",
                "cn", "mail", "entryUUID", groupBase, "(&(objectClass=groupOfNames)(member={0}))", "cn", "memberOf", nested,
                List.of("it-admins"), disabledFilter, trustStore, Optional.of(TestDirectory.TRUST_STORE_PASSWORD), "PKCS12",
                Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static DirectoryClient client(Optional<String> groupBase, boolean nested) {
        return new DirectoryClient(settings(directory.url(), groupBase, nested, Optional.of("(description=left the company)"),
                Optional.of(TRUST_STORE.toString()), TestDirectory.SERVICE_PASSWORD));
    }

    private static DirectoryClient client() {
        return client(Optional.of(TestDirectory.GROUPS), true);
    }

    @Test
    void directoryPasswordIsCheckedOverStartTls() {
        try (DirectoryConnection connection = client().open()) {
            DirectoryEntry dana = connection.findUser("dana").orElseThrow();

            assertEquals(TestDirectory.userDn("dana"), dana.dn());
            assertEquals("Dana Directory", dana.displayName());
            assertEquals("dana@example.test", dana.email());
            assertTrue(connection.passwordMatches(dana, "dana-directory-pass".toCharArray()));
            assertFalse(connection.passwordMatches(dana, "wrong-pass".toCharArray()));
            assertFalse(connection.isDisabled(dana));
        }
    }

    @Test
    void emptyPasswordIsNeverAnUnauthenticatedBind() {
        try (DirectoryConnection connection = client().open()) {
            DirectoryEntry dana = connection.findUser("dana").orElseThrow();

            assertFalse(connection.passwordMatches(dana, new char[0]));
        }
    }

    @Test
    void externalIdIsTheEntryUuidAndStable() {
        try (DirectoryConnection first = client().open(); DirectoryConnection second = client().open()) {
            String id = first.findUser("dana").orElseThrow().externalId();

            assertTrue(id.matches("[0-9a-f-]{36}"), id);
            assertEquals(id, second.findUser("DANA").orElseThrow().externalId());
        }
    }

    @Test
    void groupSearchFollowsNestedGroups() {
        try (DirectoryConnection connection = client().open()) {
            DirectoryEntry dana = connection.findUser("dana").orElseThrow();

            Set<String> groups = connection.groupsOf(dana, "dana");

            assertEquals(Set.of("engineering", "everyone", "admin"), groups);
            assertEquals(Set.of("engineering", "everyone"), ExternalGroups.portalGroups(groups, List.of("it-admins")),
                    "a directory group called admin is not the portal's admin group");
        }
    }

    @Test
    void memberOfFollowsNestedGroups() {
        try (DirectoryConnection connection = client(Optional.empty(), true).open()) {
            assertEquals(Set.of("finance", "everyone"), connection.groupsOf(connection.findUser("frank").orElseThrow(), "frank"));
        }
    }

    @Test
    void nestedGroupsCanBeTurnedOff() {
        try (DirectoryConnection connection = client(Optional.of(TestDirectory.GROUPS), false).open()) {
            assertEquals(Set.of("engineering", "admin"), connection.groupsOf(connection.findUser("dana").orElseThrow(), "dana"));
        }
    }

    @Test
    void configuredAdminGroupsMapToTheAdminGroup() {
        try (DirectoryConnection connection = client().open()) {
            Set<String> groups = connection.groupsOf(connection.findUser("ada").orElseThrow(), "ada");

            assertEquals(Set.of("admin", "it-admins"), ExternalGroups.portalGroups(groups, List.of("IT-Admins")));
        }
    }

    @Test
    void activeDirectoryDisabledFlagDisablesTheUser() {
        try (DirectoryConnection connection = client().open()) {
            DirectoryEntry erin = connection.findUser("erin").orElseThrow();

            assertTrue(erin.disabled());
            assertTrue(connection.isDisabled(erin));
        }
    }

    @Test
    void disabledFilterDisablesTheUser() throws Exception {
        directory.add(TestDirectory.userDn("frank"), "description", "left the company");
        try (DirectoryConnection connection = client().open()) {
            assertTrue(connection.isDisabled(connection.findUser("frank").orElseThrow()));
        } finally {
            directory.replace(TestDirectory.userDn("frank"), "description");
        }
    }

    @Test
    void userAccountControlFlags() {
        assertTrue(DirectoryConnection.isAccountDisabled("514"));
        assertTrue(DirectoryConnection.isAccountDisabled("66050"));
        assertFalse(DirectoryConnection.isAccountDisabled("512"));
        assertFalse(DirectoryConnection.isAccountDisabled("66048"));
        assertFalse(DirectoryConnection.isAccountDisabled(null));
        assertFalse(DirectoryConnection.isAccountDisabled("not a number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "dan*", "*)(uid=*))(|(uid=*", "dana)(|(uid=*", "*)(objectClass=*", "\\", "dana\\", "da\u0000na", "dana\u0000",
            "(uid=dana)", "d*a"})
    void injectionStringsFindNobody(String username) {
        try (DirectoryConnection connection = client().open()) {
            assertEquals(Optional.empty(), connection.findUser(username), username);
        }
    }

    @Test
    void veryLongUsernameFindsNobody() {
        try (DirectoryConnection connection = client().open()) {
            assertEquals(Optional.empty(), connection.findUser("a".repeat(5_000) + "*"));
        }
    }

    @Test
    void filterValuesAreEscapedPerRfc4515() {
        assertEquals("(&(objectClass=person)(uid=\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a))",
                DirectoryConnection.filter("(&(objectClass=person)(uid={0}))", "*)(uid=*))(|(uid=*").toString());
        assertEquals("(uid=a\\5cb\\00c)", DirectoryConnection.filter("(uid={0})", "a\\b\u0000c").toString());
    }

    @Test
    void malformedFilterTemplateMeansUnavailableNotAServerError() {
        assertThrows(DirectoryUnavailableException.class, () -> DirectoryConnection.filter("(&(objectClass=person)(uid={0})", "dana"));
    }

    @Test
    void refusedConnectionMeansUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DirectoryClient down = new DirectoryClient(settings("ldap://localhost:" + closedPort, Optional.empty(), true, Optional.empty(),
                Optional.of(TRUST_STORE.toString()), TestDirectory.SERVICE_PASSWORD));

        assertThrows(DirectoryUnavailableException.class, down::open);
    }

    @Test
    void untrustedCertificateMeansUnavailable() {
        DirectoryClient jvmTrust = new DirectoryClient(settings(directory.url(), Optional.empty(), true, Optional.empty(), Optional.empty(),
                TestDirectory.SERVICE_PASSWORD));

        assertThrows(DirectoryUnavailableException.class, jvmTrust::open);
    }

    @Test
    void wrongServicePasswordMeansUnavailable() {
        DirectoryClient misconfigured = new DirectoryClient(settings(directory.url(), Optional.empty(), true, Optional.empty(),
                Optional.of(TRUST_STORE.toString()), "wrong"));

        assertThrows(DirectoryUnavailableException.class, misconfigured::open);
    }

    @Test
    void plainLdapWithoutTlsIsNotAnOption() {
        assertThrows(IllegalArgumentException.class, () -> new DirectoryClient(settings("http://localhost:389", Optional.empty(), true,
                Optional.empty(), Optional.empty(), "x")));
    }
}
