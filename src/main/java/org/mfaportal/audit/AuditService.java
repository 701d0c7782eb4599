package org.mfaportal.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * The one place that writes audit events. Each event is written in its own transaction, so that a failure being
 * audited is kept even when the caller's transaction rolls back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AuditService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public void record(AuditEventType type, String actorUsername, String subjectUsername, RequestOrigin origin, String detail) {
        em.persist(new AuditEvent(clock.instant(), type, actorUsername, subjectUsername, origin, detail));
    }

    /** An event the user caused on their own account. */
    public void recordOwn(AuditEventType type, String username, RequestOrigin origin) {
        record(type, username, username, origin, null);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AuditEvent> recentForUser(String username, int limit) {
        return em.createNamedQuery(AuditEvent.BY_SUBJECT, AuditEvent.class)
                .setParameter("username", username)
                .setMaxResults(limit)
                .getResultList();
    }
}
