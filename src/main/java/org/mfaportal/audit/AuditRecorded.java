package org.mfaportal.audit;

import java.time.Instant;

/**
 * Fired by {@link AuditService} for every event it wrote, once the event's transaction committed (never for a rolled
 * back one), in the order the transaction recorded them: the audit trail log and the metrics observe it. So whatever
 * records an audit event feeds them, and nothing else needs to know they exist.
 */
public record AuditRecorded(Instant occurredAt, AuditEventType type, String actorUsername, String subjectUsername,
        String ipAddress, String userAgent, String detail) {

    static AuditRecorded of(AuditEvent event) {
        return new AuditRecorded(event.getOccurredAt(), event.getType(), event.getActorUsername(), event.getSubjectUsername(),
                event.getIpAddress(), event.getUserAgent(), event.getDetail());
    }
}
