package org.mfaportal.audit;

import java.io.Serializable;
import java.time.Instant;

/** The admin's audit-log filter; null or blank parts mean "any". The range is [from, to). */
public record AuditQuery(Instant from, Instant to, String subject, String actor, AuditEventType type, String ipAddress) implements Serializable {
}
