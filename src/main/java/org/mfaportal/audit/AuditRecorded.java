package org.mfaportal.audit;

import java.time.Instant;

/**
 * Fired by {@link AuditService} for every event it writes, inside the event's own transaction: observers that want only
 * what was stored observe it {@code during = TransactionPhase.AFTER_SUCCESS} (the audit trail log, the metrics). So
 * whatever records an audit event feeds them, and nothing else needs to know they exist.
 */
public record AuditRecorded(Instant occurredAt, AuditEventType type, String actorUsername, String subjectUsername,
        String ipAddress, String userAgent, String detail) {

    static AuditRecorded of(AuditEvent event) {
        return new AuditRecorded(event.getOccurredAt(), event.getType(), event.getActorUsername(), event.getSubjectUsername(),
                event.getIpAddress(), event.getUserAgent(), event.getDetail());
    }
}
