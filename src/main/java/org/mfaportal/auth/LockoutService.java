package org.mfaportal.auth;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.notify.SecurityNotice;

/**
 * Brute-force protection, in the database so it holds across cluster nodes. Password failures slow down the typed
 * username (existing or not) and never lock: a stranger with a wrong password cannot lock anyone out. Consecutive
 * second-factor failures, which only someone with the right password can produce, lock the account until an admin
 * unlocks it.
 */
@Stateless
public class LockoutService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PortalConfig config;

    @Inject
    AuditService audit;

    @Inject
    Event<SecurityNotice> notices;

    /** How long until this username may try a password again; empty when it may now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Duration> passwordRetryAfter(String username) {
        LoginThrottle throttle = em.find(LoginThrottle.class, key(username));
        if (throttle == null) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), throttle.nextAttemptAt());
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counted in its own transaction: a failed sign-in must leave its mark whatever else rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void passwordFailed(String username) {
        String key = key(username);
        Instant now = clock.instant();
        if (em.createNamedQuery(LoginThrottle.COUNT_FAILURE).setParameter("now", now).setParameter("usernameHash", key).executeUpdate() == 0) {
            try {
                em.persist(new LoginThrottle(key, now));
                em.flush();
            } catch (PersistenceException countedConcurrently) {
                em.clear();
                em.createNamedQuery(LoginThrottle.COUNT_FAILURE).setParameter("now", now).setParameter("usernameHash", key).executeUpdate();
            }
        }
    }

    public void passwordAccepted(String username) {
        em.createNamedQuery(LoginThrottle.RESET).setParameter("usernameHash", key(username)).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isLocked(UserAccount user) {
        return lockedAt(user.getId()) != null;
    }

    /** Counts a wrong second factor; returns true when this one locked the account. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean secondFactorFailed(UserAccount user) {
        em.createQuery("update UserAccount u set u.secondFactorFailures = u.secondFactorFailures + 1 where u.id = :id")
                .setParameter("id", user.getId()).executeUpdate();
        int failures = em.createQuery("select u.secondFactorFailures from UserAccount u where u.id = :id", Integer.class)
                .setParameter("id", user.getId()).getSingleResult();
        if (failures < config.maxSecondFactorFailures()) {
            return false;
        }
        int locked = em.createQuery("update UserAccount u set u.lockedAt = :now where u.id = :id and u.lockedAt is null")
                .setParameter("now", clock.instant()).setParameter("id", user.getId()).executeUpdate();
        if (locked == 1) {
            audit.recordOwn(AuditEventType.ACCOUNT_LOCKED, user.getUsername(), failures + " consecutive wrong second factors");
            notices.fire(new SecurityNotice(user, SecurityNotice.Kind.ACCOUNT_LOCKED, null));
        }
        return true;
    }

    public void secondFactorAccepted(UserAccount user) {
        em.createQuery("update UserAccount u set u.secondFactorFailures = 0 where u.id = :id and u.secondFactorFailures <> 0")
                .setParameter("id", user.getId()).executeUpdate();
    }

    /** An admin lifts the lock and clears the counters. */
    public void unlock(UserAccount user, String adminUsername) {
        em.createQuery("update UserAccount u set u.lockedAt = null, u.secondFactorFailures = 0 where u.id = :id")
                .setParameter("id", user.getId()).executeUpdate();
        passwordAccepted(user.getUsername());
        audit.record(AuditEventType.ACCOUNT_UNLOCKED, adminUsername, user.getUsername(), null);
    }

    /** Throttles of usernames nobody tried for a day are forgotten. */
    @Schedule(hour = "*", minute = "41", persistent = false)
    public int forgetStaleThrottles() {
        return em.createNamedQuery(LoginThrottle.DELETE_STALE).setParameter("before", clock.instant().minus(Duration.ofDays(1))).executeUpdate();
    }

    private Instant lockedAt(Long userId) {
        List<Instant> lockedAt = em.createQuery("select u.lockedAt from UserAccount u where u.id = :id", Instant.class)
                .setParameter("id", userId).getResultList();
        return lockedAt.isEmpty() ? null : lockedAt.get(0);
    }

    static String key(String username) {
        return TokenDigest.of(UserAccount.normalizeUsername(username));
    }
}
