package org.mfaportal.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Consecutive password failures for one typed username (hashed: people type passwords into the username field). */
@Entity
@Table(name = "login_throttle")
@NamedQuery(name = LoginThrottle.COUNT_FAILURE, query = """
        update LoginThrottle t set t.failures = t.failures + 1, t.lastFailureAt = :now where t.usernameHash = :usernameHash""")
@NamedQuery(name = LoginThrottle.RESET, query = "delete from LoginThrottle t where t.usernameHash = :usernameHash")
@NamedQuery(name = LoginThrottle.DELETE_STALE, query = "delete from LoginThrottle t where t.lastFailureAt < :before")
public class LoginThrottle {

    static final String COUNT_FAILURE = "LoginThrottle.countFailure";
    static final String RESET = "LoginThrottle.reset";
    static final String DELETE_STALE = "LoginThrottle.deleteStale";

    /** Failures allowed before any waiting: typos happen. */
    static final int FREE_FAILURES = 4;
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);

    @Id
    @Column(name = "username_hash", length = 64)
    private String usernameHash;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure_at", nullable = false)
    private Instant lastFailureAt;

    protected LoginThrottle() {
        // for JPA
    }

    LoginThrottle(String usernameHash, Instant now) {
        this.usernameHash = usernameHash;
        this.failures = 1;
        this.lastFailureAt = now;
    }

    /**
     * How long to wait after this many consecutive failures: nothing for the first few, then doubling from 30 s up to
     * 15 min. An online guesser gets about a hundred tries a day; a user who mistyped waits seconds.
     */
    static Duration delayAfter(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    /** When the next password attempt is allowed. */
    Instant nextAttemptAt() {
        return lastFailureAt.plus(delayAfter(failures));
    }
}
