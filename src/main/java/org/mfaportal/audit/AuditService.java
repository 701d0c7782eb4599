package org.mfaportal.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;

/**
 * The one place that writes audit events. Each event is written in its own transaction, so that a failure being
 * audited is kept even when the caller's transaction rolls back. The IP address and user agent come from the
 * HTTP request being served, if any.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AuditService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Instance<HttpServletRequest> currentRequest;

    public void record(AuditEventType type, String actorUsername, String subjectUsername, String detail) {
        em.persist(new AuditEvent(clock.instant(), type, actorUsername, subjectUsername, currentOrigin(), detail));
    }

    /** An event the user caused on their own account. */
    public void recordOwn(AuditEventType type, String username, String detail) {
        record(type, username, username, detail);
    }

    public void recordOwn(AuditEventType type, String username) {
        record(type, username, username, null);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AuditEvent> recentForUser(String username, int limit) {
        return em.createNamedQuery(AuditEvent.BY_SUBJECT, AuditEvent.class)
                .setParameter("username", username)
                .setMaxResults(limit)
                .getResultList();
    }

    private RequestOrigin currentOrigin() {
        try {
            return RequestOrigin.of(currentRequest.get());
        } catch (ContextNotActiveException | IllegalStateException outsideAnHttpRequest) {
            // timers, asynchronous work and in-container tests have no HTTP request to describe
            return RequestOrigin.UNKNOWN;
        }
    }
}
