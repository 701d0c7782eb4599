package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.BootstrapAdmin.Outcome;
import org.mfaportal.audit.AuditEvent;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;

/**
 * The first admin from mfa.bootstrap-admin.*: created only while no enabled admin exists (in a transaction the test rolls
 * back, with the test deployment's admins disabled inside it), refused with a WARN and an audit event once one does.
 */
@ExtendWith(ArquillianExtension.class)
class BootstrapAdminIT {

    private static final String OPERATOR_PASSWORD = "operator-chosen password";

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(BootstrapAdminIT.class);
    }

    @Inject
    BootstrapAdmin bootstrap;

    @Inject
    UserAccountService accounts;

    @Inject
    AuditService audit;

    @Inject
    UserTransaction transaction;

    @PersistenceContext
    EntityManager em;

    private static String newUsername() {
        return "boot-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Inside the caller's transaction: as on a fresh installation, no enabled account in the admin group. */
    private void withoutEnabledAdmins() {
        em.createQuery("update UserAccount u set u.enabled = false where u.id in (select a.id from UserAccount a join a.groups g where g = :admin)")
                .setParameter("admin", UserAccount.ADMIN_GROUP).executeUpdate();
    }

    private List<AuditEventType> auditedTypes(String username) {
        return audit.recentForUser(username, 10).stream().map(AuditEvent::getType).toList();
    }

    private static String serverLog() throws Exception {
        return Files.readString(Path.of(System.getProperty("jboss.server.log.dir"), "server.log"));
    }

    @Test
    void createsTheFirstAdminWhileNoAdminExistsAndRefusesEveryLaterAttempt() throws Exception {
        String first = newUsername();
        String second = newUsername();
        transaction.begin();
        try {
            withoutEnabledAdmins();

            assertEquals(Outcome.CREATED, bootstrap.bootstrap(Optional.of(first.toUpperCase()), Optional.of(OPERATOR_PASSWORD)));
            UserAccount admin = accounts.findByUsername(first).orElseThrow();
            assertTrue(admin.isAdmin());
            assertTrue(admin.isEnabled());
            assertTrue(admin.isMustChangePassword(), "must choose their own password first");
            assertTrue(admin.isMustEnrolFactor(), "then enrol a second factor, whatever the policy says");
            assertTrue(accounts.authenticate(first, OPERATOR_PASSWORD.toCharArray()).isPresent(), "the operator's password signs in once");

            assertEquals(Outcome.REFUSED_ADMIN_EXISTS, bootstrap.bootstrap(Optional.of(second), Optional.of(OPERATOR_PASSWORD)));
            assertTrue(accounts.findByUsername(second).isEmpty(), "never a second bootstrap admin");
            assertEquals(Outcome.REFUSED_ADMIN_EXISTS, bootstrap.bootstrap(Optional.of(first), Optional.of("another password")),
                    "the same values again change nothing");
            assertTrue(accounts.authenticate(first, OPERATOR_PASSWORD.toCharArray()).isPresent());
        } finally {
            transaction.rollback();
        }
        assertTrue(auditedTypes(first).contains(AuditEventType.BOOTSTRAP_ADMIN_CREATED), "audited in its own transaction");
        assertTrue(auditedTypes(second).contains(AuditEventType.BOOTSTRAP_ADMIN_REFUSED));
    }

    @Test
    void refusedWithAWarningOnceAnAdminExists() throws Exception {
        String username = newUsername();
        int logBefore = serverLog().length();

        assertEquals(Outcome.REFUSED_ADMIN_EXISTS, bootstrap.bootstrap(Optional.of(username), Optional.of(OPERATOR_PASSWORD)));

        assertTrue(accounts.findByUsername(username).isEmpty());
        assertEquals(List.of(AuditEventType.BOOTSTRAP_ADMIN_REFUSED), auditedTypes(username));
        String log = serverLog().substring(logBefore);
        assertTrue(log.contains("WARN") && log.contains("an admin account exists already"), log);
        assertFalse(log.contains(OPERATOR_PASSWORD), "the password never reaches the log");
    }

    @Test
    void notConfiguredDoesNothing() {
        assertEquals(Outcome.NOT_CONFIGURED, bootstrap.bootstrap(Optional.empty(), Optional.empty()));
    }

    @Test
    void neverTakesOverAnExistingAccountAndNeedsBothValues() throws Exception {
        transaction.begin();
        try {
            withoutEnabledAdmins();

            assertEquals(Outcome.REFUSED_USERNAME_TAKEN, bootstrap.bootstrap(Optional.of(TestAccounts.STAFF.username()), Optional.of(OPERATOR_PASSWORD)));
            assertFalse(accounts.findByUsername(TestAccounts.STAFF.username()).orElseThrow().isAdmin());
            assertEquals(Outcome.REFUSED_INCOMPLETE, bootstrap.bootstrap(Optional.of(newUsername()), Optional.empty()));
            assertEquals(Outcome.REFUSED_INCOMPLETE, bootstrap.bootstrap(Optional.empty(), Optional.of(OPERATOR_PASSWORD)));
            assertEquals(Outcome.REFUSED_INCOMPLETE, bootstrap.bootstrap(Optional.of("two words"), Optional.of(OPERATOR_PASSWORD)));
        } finally {
            transaction.rollback();
        }
    }
}
