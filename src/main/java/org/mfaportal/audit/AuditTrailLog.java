package org.mfaportal.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * Copies every stored audit event to the log category {@value #CATEGORY}, one JSON object per line
 * ({@link AuditTrailLine}). {@code wildfly-config/portal.cli} gives that category a file of its own
 * ({@code audit-trail.log}) whose formatter adds only the line end, for a SIEM to collect. Written after the event's
 * transaction committed, so the file holds exactly what the database holds.
 */
@ApplicationScoped
public class AuditTrailLog {

    public static final String CATEGORY = "org.mfaportal.audit.trail";

    private static final Logger TRAIL = Logger.getLogger(CATEGORY);

    private final String node = System.getProperty("jboss.node.name");

    /** Fired after the event's transaction committed ({@link AuditRecorded}). */
    public void write(@Observes AuditRecorded event) {
        TRAIL.info(AuditTrailLine.of(event, node));
    }
}
