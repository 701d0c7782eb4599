package org.mfaportal.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The two gauges' values, read from the database at each scrape: so they count every node's sign-ins and sessions
 * (the same value on every node). A database that cannot answer gives NaN, never a failed scrape.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SignInCounts {

    private static final Logger LOG = Logger.getLogger(SignInCounts.class.getName());

    /** Milliseconds a count may take; a scrape must not hang on the database. */
    private static final int QUERY_TIMEOUT_MILLIS = 2000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Sign-ins waiting for their second factor, not yet expired. */
    public double pendingSignIns() {
        return count("select count(p) from PendingLogin p where p.expiresAt > :now", true);
    }

    /** Signed-in sessions recorded in {@code live_session}. */
    public double activeSessions() {
        return count("select count(s) from LiveSession s", false);
    }

    private double count(String jpql, boolean bindNow) {
        try {
            var query = em.createQuery(jpql, Long.class).setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MILLIS);
            if (bindNow) {
                query.setParameter("now", clock.instant());
            }
            return query.getSingleResult();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Count for the metrics failed", e);
            return Double.NaN;
        }
    }
}
