package org.mfaportal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/** The audit log's filters and paging run in the database. */
@ExtendWith(ArquillianExtension.class)
class AuditSearchIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(AuditSearchIT.class);
    }

    @Inject
    AuditService audit;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void filtersBySubjectActorTypeAndTimeNewestFirst() {
        String subject = "subject-" + UUID.randomUUID();
        String admin = "admin-" + UUID.randomUUID();
        Instant start = clock.instant();
        audit.recordOwn(AuditEventType.PASSWORD_REJECTED, subject);
        clock.advance(Duration.ofHours(2));
        audit.recordOwn(AuditEventType.SIGN_IN_COMPLETED, subject);
        audit.record(AuditEventType.ACCOUNT_UNLOCKED, admin, subject, null);
        clock.advance(Duration.ofHours(2));
        audit.record(AuditEventType.MFA_RESET, admin, subject, null);

        assertEquals(4, audit.count(new AuditQuery(null, null, subject, null, null, null)));
        assertEquals(2, audit.count(new AuditQuery(null, null, subject, admin, null, null)));
        assertEquals(1, audit.count(new AuditQuery(null, null, subject, null, AuditEventType.PASSWORD_REJECTED, null)));
        assertEquals(2, audit.count(new AuditQuery(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(3)), subject, null, null, null)));

        List<AuditEvent> newestFirst = audit.search(new AuditQuery(null, null, subject.toUpperCase(), null, null, null), 0, 10);
        assertEquals(AuditEventType.MFA_RESET, newestFirst.get(0).getType());
        assertEquals(AuditEventType.PASSWORD_REJECTED, newestFirst.get(3).getType());
    }

    @Test
    void pagesDoNotOverlap() {
        String subject = "paged-" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            audit.recordOwn(AuditEventType.SIGNED_OUT, subject, "event " + i);
        }
        AuditQuery query = new AuditQuery(null, null, subject, null, null, null);

        List<AuditEvent> first = audit.search(query, 0, 5);
        List<AuditEvent> second = audit.search(query, 5, 5);

        assertEquals(5, first.size());
        assertEquals(2, second.size());
        assertEquals(7, java.util.stream.Stream.concat(first.stream(), second.stream()).map(AuditEvent::getId).distinct().count());
    }

    @Test
    void eventsOlderThanTheRetentionPeriodArePurgedAndNewerOnesKept() {
        String old = "retention-old-" + java.util.UUID.randomUUID();
        String recent = "retention-recent-" + java.util.UUID.randomUUID();
        clock.advance(java.time.Duration.ofDays(-401));
        audit.recordOwn(AuditEventType.PASSWORD_ACCEPTED, old);
        clock.reset();
        audit.recordOwn(AuditEventType.PASSWORD_ACCEPTED, recent);

        assertTrue(audit.purgeExpired() >= 1);

        assertEquals(0, audit.count(new AuditQuery(null, null, old, null, null, null)), "older than the 400 days kept");
        assertEquals(1, audit.count(new AuditQuery(null, null, recent, null, null, null)));
    }
}
