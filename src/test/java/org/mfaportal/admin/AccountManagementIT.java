package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEvent;
import org.mfaportal.audit.AuditService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.auth.PendingLoginService;
import org.mfaportal.auth.ReturnPath;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;

/** What admins do to accounts, against the real database: create, refuse duplicates, disable, enable, change groups. */
@ExtendWith(ArquillianExtension.class)
class AccountManagementIT {

    private static final String ADMIN = TestAccounts.ADMIN.username();
    private static final String PASSWORD = "a password for the tests";

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(AccountManagementIT.class, RevocationRecorder.class, RevocationRecorder.Revocation.class);
    }

    @Inject
    AdminUserService admin;

    @Inject
    UserAccountService accounts;

    @Inject
    AuditService audit;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    RevocationRecorder revocations;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private UserAccount existingUser(Set<String> groups) {
        return accounts.create(unique("managed"), "Managed User", null, PASSWORD.toCharArray(), groups);
    }

    private List<AuditEvent> events(String username) {
        return audit.recentForUser(username, 20);
    }

    private static AccountChangeRefused.Field refusedField(Runnable action) {
        return assertThrows(AccountChangeRefused.class, action::run).field();
    }

    /** Full-width Latin letters and digits (U+FF10..U+FF5A), as an East Asian keyboard types them. */
    private static String fullWidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append(Character.isLetterOrDigit(c) ? (char) (c + 0xFEE0) : (char) c));
        return wide.toString();
    }

    @Test
    void newUserHasNoPasswordItsNormalisedNameAndItsGroups() {
        String username = unique("New-User");

        UserAccount created = admin.createUser(new NewUser(" " + username + " ", " New User ", "new.user@example.test", Set.of(" sales ", "")), ADMIN).user();

        UserAccount stored = accounts.findByUsername(username).orElseThrow();
        assertEquals(created.getId(), stored.getId());
        assertEquals(username.toLowerCase(), stored.getUsername());
        assertEquals("New User", stored.getDisplayName());
        assertEquals(Set.of("sales"), stored.getGroups());
        assertFalse(stored.hasLocalPassword(), "the user chooses the password through the invitation");
        assertTrue(accounts.authenticate(username, "".toCharArray()).isEmpty());
        AuditEvent createdEvent = events(stored.getUsername()).stream().filter(e -> e.getType() == AuditEventType.USER_CREATED).findFirst().orElseThrow();
        assertEquals(ADMIN, createdEvent.getActorUsername());
    }

    @Test
    void aDuplicateUsernameIsRefusedWhateverItsCaseOrWidth() {
        String username = unique("alice");
        admin.createUser(new NewUser(username, "Alice", "alice@example.test", Set.of()), ADMIN);

        assertEquals("admin.new-user.username.taken", assertThrows(AccountChangeRefused.class,
                () -> admin.createUser(new NewUser(username.toUpperCase(), "Other Alice", "other@example.test", Set.of()), ADMIN)).messageKey());
        assertEquals("admin.new-user.username.taken", assertThrows(AccountChangeRefused.class,
                () -> admin.createUser(new NewUser(fullWidth(username), "Wide Alice", "wide@example.test", Set.of()), ADMIN)).messageKey(),
                "ａｌｉｃｅ is alice (NFKC)");
        AccountChangeRefused taken = assertThrows(AccountChangeRefused.class,
                () -> admin.createUser(new NewUser(TestAccounts.STAFF.username(), "Someone", "someone@example.test", Set.of()), ADMIN));
        assertEquals("admin.new-user.username.taken", taken.messageKey());
    }

    @Test
    void badInputIsRefusedAtItsField() {
        assertEquals(AccountChangeRefused.Field.USERNAME, refusedField(() -> admin.createUser(new NewUser("two words", "N", "n@example.test", Set.of()), ADMIN)));
        assertEquals(AccountChangeRefused.Field.USERNAME, refusedField(() -> admin.createUser(new NewUser("  ", "N", "n@example.test", Set.of()), ADMIN)));
        assertEquals(AccountChangeRefused.Field.USERNAME, refusedField(() -> admin.createUser(new NewUser("a".repeat(101), "N", "n@example.test", Set.of()), ADMIN)));
        assertEquals(AccountChangeRefused.Field.DISPLAY_NAME, refusedField(() -> admin.createUser(new NewUser(unique("u"), " ", "n@example.test", Set.of()), ADMIN)));
        for (String email : new String[] {"", "no-at-sign", "Name <n@example.test>", "a@example.test, b@example.test", "a b@example.test"}) {
            assertEquals(AccountChangeRefused.Field.EMAIL, refusedField(() -> admin.createUser(new NewUser(unique("u"), "N", email, Set.of()), ADMIN)), email);
        }
        assertEquals(AccountChangeRefused.Field.GROUPS, refusedField(() -> admin.createUser(new NewUser(unique("u"), "N", "n@example.test", Set.of("g".repeat(101))), ADMIN)));
    }

    @Test
    void aDisabledAccountCannotSignInAndItsAccessIsRevokedUntilEnabled() {
        UserAccount user = existingUser(Set.of());
        String pending = pendingLogins.start(user, Set.of("staff"), ReturnPath.HOME);

        admin.disable(user, ADMIN);

        UserAccount disabled = accounts.findByUsername(user.getUsername()).orElseThrow();
        assertFalse(disabled.isEnabled());
        assertEquals(ADMIN, disabled.getDisabledBy());
        assertNotNull(disabled.getDisabledAt());
        assertTrue(accounts.authenticate(user.getUsername(), PASSWORD.toCharArray()).isEmpty(), "the right password no longer signs in");
        assertTrue(pendingLogins.find(pending).isEmpty(), "a sign-in waiting for its second factor ends");
        assertEquals(List.of(new RevocationRecorder.Revocation(user.getUsername(), AccountAccessRevoked.Reason.ACCOUNT_DISABLED, null, ADMIN)),
                revocations.of(user.getUsername()), "sessions and trusted browsers end on every node");
        assertTrue(events(user.getUsername()).stream().anyMatch(e -> e.getType() == AuditEventType.ACCOUNT_DISABLED && ADMIN.equals(e.getActorUsername())));
        assertEquals(1, admin.count(new UserQuery(user.getUsername(), null, UserQuery.EnrolmentFilter.DISABLED, null, true)));

        admin.enable(disabled, ADMIN);

        UserAccount enabled = accounts.findByUsername(user.getUsername()).orElseThrow();
        assertTrue(enabled.isEnabled());
        assertNull(enabled.getDisabledBy());
        assertTrue(accounts.authenticate(user.getUsername(), PASSWORD.toCharArray()).isPresent());
        assertTrue(events(user.getUsername()).stream().anyMatch(e -> e.getType() == AuditEventType.ACCOUNT_ENABLED));
        assertEquals(0, admin.count(new UserQuery(user.getUsername(), null, UserQuery.EnrolmentFilter.DISABLED, null, true)));
    }

    @Test
    void anAdminCannotDisableThemselvesNorDropTheirOwnAdminRole() {
        UserAccount self = accounts.findByUsername(ADMIN).orElseThrow();

        assertThrows(AccountChangeRefused.class, () -> admin.disable(self, ADMIN));
        assertEquals(AccountChangeRefused.Field.GROUPS, refusedField(() -> admin.changeGroups(self, Set.of("sales"), ADMIN)));

        UserAccount unchanged = accounts.findByUsername(ADMIN).orElseThrow();
        assertTrue(unchanged.isEnabled());
        assertTrue(unchanged.isAdmin());
    }

    @Test
    void changedGroupsAreAuditedAndEndTheUsersSessions() {
        UserAccount user = existingUser(Set.of("sales"));

        admin.changeGroups(user, Set.of("engineering", " admin "), ADMIN);

        assertEquals(Set.of("admin", "engineering"), accounts.findByUsername(user.getUsername()).orElseThrow().getGroups());
        AuditEvent changed = events(user.getUsername()).stream().filter(e -> e.getType() == AuditEventType.GROUPS_CHANGED).findFirst().orElseThrow();
        assertEquals("before: sales; after: admin, engineering", changed.getDetail());
        assertEquals(List.of(new RevocationRecorder.Revocation(user.getUsername(), AccountAccessRevoked.Reason.SIGNED_OUT_ELSEWHERE, null, ADMIN)),
                revocations.of(user.getUsername()), "roles were fixed at sign-in: the sessions end");
        assertTrue(admin.knownGroups().containsAll(List.of("admin", "engineering", "sales")));
    }
}
