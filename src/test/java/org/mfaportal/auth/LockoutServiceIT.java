package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.testing.Concurrently;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/** Brute-force protection against the real database: throttled passwords, locking second factors, unlock. */
@ExtendWith(ArquillianExtension.class)
class LockoutServiceIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(LockoutServiceIT.class, Concurrently.class);
    }

    @Inject
    LockoutService lockout;

    @Inject
    UserAccountService accounts;

    @Inject
    TestClock clock;

    @PersistenceContext
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private UserAccount newUser() {
        return accounts.create("lock-" + UUID.randomUUID(), "Lock Tester", null, "password-123".toCharArray(), Set.of());
    }

    private long audited(UserAccount user, String type) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where subject_username = ?1 and event_type = ?2")
                .setParameter(1, user.getUsername()).setParameter(2, type).getSingleResult()).longValue();
    }

    @Test
    void passwordFailuresSlowDownTheUsernameButNeverLockTheAccount() {
        UserAccount user = newUser();
        for (int i = 0; i < 4; i++) {
            lockout.passwordFailed(user.getUsername());
        }
        assertTrue(lockout.passwordRetryAfter(user.getUsername()).isEmpty(), "four typos cost nothing");

        lockout.passwordFailed(user.getUsername());

        Duration wait = lockout.passwordRetryAfter(user.getUsername()).orElseThrow();
        assertTrue(wait.compareTo(Duration.ofSeconds(25)) > 0 && wait.compareTo(Duration.ofSeconds(30)) <= 0, wait.toString());
        assertFalse(lockout.isLocked(user));
        clock.advance(Duration.ofSeconds(31));
        assertTrue(lockout.passwordRetryAfter(user.getUsername()).isEmpty(), "the wait is over");
    }

    @Test
    void unknownUsernamesAreThrottledExactlyLikeRealOnes() {
        String unknown = "nobody-" + UUID.randomUUID();
        UserAccount real = newUser();
        for (int i = 0; i < 6; i++) {
            lockout.passwordFailed(unknown);
            lockout.passwordFailed(real.getUsername().toUpperCase());
        }

        assertEquals(lockout.passwordRetryAfter(real.getUsername()).map(Duration::toMinutes),
                lockout.passwordRetryAfter(unknown).map(Duration::toMinutes));
        assertTrue(lockout.passwordRetryAfter(unknown).isPresent());
    }

    @Test
    void successfulPasswordResetsTheThrottle() {
        UserAccount user = newUser();
        for (int i = 0; i < 6; i++) {
            lockout.passwordFailed(user.getUsername());
        }
        lockout.passwordAccepted(user.getUsername());

        assertTrue(lockout.passwordRetryAfter(user.getUsername()).isEmpty());
    }

    @Test
    void tenConsecutiveSecondFactorFailuresLockTheAccount() {
        UserAccount user = newUser();
        for (int i = 1; i < 10; i++) {
            assertFalse(lockout.secondFactorFailed(user), "failure " + i);
        }
        assertFalse(lockout.isLocked(user));

        assertTrue(lockout.secondFactorFailed(user));

        assertTrue(lockout.isLocked(user));
        assertEquals(1, audited(user, "ACCOUNT_LOCKED"));
    }

    @Test
    void aSuccessfulSecondFactorResetsTheCount() {
        UserAccount user = newUser();
        for (int i = 0; i < 9; i++) {
            lockout.secondFactorFailed(user);
        }
        lockout.secondFactorAccepted(user);
        for (int i = 0; i < 9; i++) {
            lockout.secondFactorFailed(user);
        }

        assertFalse(lockout.isLocked(user));
    }

    @Test
    void concurrentFailuresLockOnceAndCountEachFailure() throws Exception {
        UserAccount user = newUser();

        List<Boolean> lockedBy = Concurrently.run(12, () -> lockout.secondFactorFailed(user));

        assertTrue(lockout.isLocked(user));
        assertEquals(3, lockedBy.stream().filter(Boolean::booleanValue).count(), "failures 10, 11 and 12 find it locked: " + lockedBy);
        assertEquals(1, audited(user, "ACCOUNT_LOCKED"));
    }

    @Test
    void adminUnlockClearsTheLockAndTheCounters() {
        UserAccount user = newUser();
        for (int i = 0; i < 10; i++) {
            lockout.secondFactorFailed(user);
        }

        lockout.unlock(user, "it-admin");

        assertFalse(lockout.isLocked(user));
        assertFalse(lockout.secondFactorFailed(user), "counting starts again from zero");
        assertEquals(1, audited(user, "ACCOUNT_UNLOCKED"));
    }
}
