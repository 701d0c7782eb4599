package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.testing.PortalDeployment;

/**
 * Issue 14: the audit rows of a sign-in's successes share the sign-in's transaction, and still a failure's audit row
 * (and its counted failure) survives a rollback of the caller, whichever way the caller's transaction was begun.
 */
@ExtendWith(ArquillianExtension.class)
class SignInAuditTransactionIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(SignInAuditTransactionIT.class);
    }

    @Inject
    AuditService audit;

    @Inject
    SignInTransaction inOneTransaction;

    @Inject
    LockoutService lockout;

    @Inject
    UserTransaction transaction;

    @PersistenceContext
    EntityManager em;

    private static String someone() {
        return "audit-tx-" + UUID.randomUUID();
    }

    private long audited(String username, AuditEventType type) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where subject_username = ?1 and event_type = ?2")
                .setParameter(1, username).setParameter(2, type.name()).getSingleResult()).longValue();
    }

    @Test
    void aFailuresRowSurvivesItsCallersRollback() throws Exception {
        String username = someone();
        transaction.begin();
        audit.recordOwn(AuditEventType.SECOND_FACTOR_REJECTED, username, "attempt 1");
        audit.record(AuditEventType.PASSWORD_REJECTED, null, username, null);
        transaction.rollback();

        assertEquals(1, audited(username, AuditEventType.SECOND_FACTOR_REJECTED));
        assertEquals(1, audited(username, AuditEventType.PASSWORD_REJECTED));
    }

    @Test
    void aSuccessInTheCallersTransactionCommitsWithItOrNotAtAll() throws Exception {
        String rolledBack = someone();
        transaction.begin();
        audit.recordOwnInCallerTransaction(AuditEventType.PASSWORD_ACCEPTED, rolledBack, null);
        transaction.rollback();
        assertEquals(0, audited(rolledBack, AuditEventType.PASSWORD_ACCEPTED), "the sign-in it reported did not happen");

        String committed = someone();
        transaction.begin();
        audit.recordOwnInCallerTransaction(AuditEventType.PASSWORD_ACCEPTED, committed, null);
        audit.recordOwnInCallerTransaction(AuditEventType.SIGN_IN_COMPLETED, committed, "with a password");
        transaction.commit();
        assertEquals(1, audited(committed, AuditEventType.PASSWORD_ACCEPTED));
        assertEquals(1, audited(committed, AuditEventType.SIGN_IN_COMPLETED));
    }

    @Test
    void withoutACallersTransactionASuccessIsWrittenInItsOwn() {
        String username = someone();
        audit.recordOwnInCallerTransaction(AuditEventType.SIGN_IN_COMPLETED, username, "with a passkey");
        assertEquals(1, audited(username, AuditEventType.SIGN_IN_COMPLETED));
    }

    @Test
    void aFailureCannotBeWrittenInTheCallersTransaction() {
        String username = someone();
        for (AuditEventType failure : new AuditEventType[] {AuditEventType.PASSWORD_REJECTED, AuditEventType.SECOND_FACTOR_REJECTED,
                AuditEventType.SIGN_IN_REFUSED_LOCKED, AuditEventType.SIGN_IN_THROTTLED, AuditEventType.ACCOUNT_LOCKED}) {
            EJBException refused = assertThrows(EJBException.class, () -> audit.recordOwnInCallerTransaction(failure, username, null));
            assertTrue(refused.getCause() instanceof IllegalArgumentException, String.valueOf(refused.getCause()));
            assertEquals(0, audited(username, failure));
        }
    }

    @Test
    void aSignInStepThatFailsKeepsItsFailuresAndLosesItsSuccesses() {
        String username = someone();
        assertThrows(EJBException.class, () -> inOneTransaction.run(() -> {
            audit.recordOwnInCallerTransaction(AuditEventType.PASSWORD_ACCEPTED, username, null);
            audit.recordOwn(AuditEventType.SIGN_IN_REFUSED_LOCKED, username);
            for (int i = 0; i < 5; i++) {
                lockout.passwordFailed(username);
            }
            throw new IllegalStateException("the step fails after its audit rows were written");
        }));

        assertEquals(0, audited(username, AuditEventType.PASSWORD_ACCEPTED));
        assertEquals(1, audited(username, AuditEventType.SIGN_IN_REFUSED_LOCKED));
        assertTrue(lockout.passwordRetryAfter(username).filter(wait -> wait.compareTo(Duration.ZERO) > 0).isPresent(),
                "the five counted failures survived the rollback: the username is throttled");
    }

    @Test
    void aSignInStepThatSucceedsCommitsItsRowsOnce() {
        String username = someone();
        String result = inOneTransaction.run(() -> {
            audit.recordOwnInCallerTransaction(AuditEventType.PASSWORD_ACCEPTED, username, null);
            audit.recordOwnInCallerTransaction(AuditEventType.SIGN_IN_COMPLETED, username, "with a password");
            return "done";
        });
        assertEquals("done", result);
        assertEquals(1, audited(username, AuditEventType.PASSWORD_ACCEPTED));
        assertEquals(1, audited(username, AuditEventType.SIGN_IN_COMPLETED));
    }
}
