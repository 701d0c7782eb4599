package org.mfaportal.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One security event: who did what to whose account, when, from where. Rows are never updated. */
@Entity
@Table(name = "audit_event")
@NamedQuery(name = AuditEvent.BY_SUBJECT_FOR_USER, query = "select e from AuditEvent e where e.subjectUsername = :username and e.type not in :adminOnly order by e.occurredAt desc, e.id desc")
@NamedQuery(name = AuditEvent.BY_SUBJECT, query = "select e from AuditEvent e where e.subjectUsername = :username order by e.occurredAt desc, e.id desc")
public class AuditEvent {

    static final String BY_SUBJECT = "AuditEvent.bySubject";
    static final String BY_SUBJECT_FOR_USER = "AuditEvent.bySubjectForUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 60)
    private AuditEventType type;

    @Column(name = "actor_username", length = 100)
    private String actorUsername;

    @Column(name = "subject_username", length = 100)
    private String subjectUsername;

    @Column(name = "ip_address", length = 64)
    private String ipAddress;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(length = 1000)
    private String detail;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(Instant occurredAt, AuditEventType type, String actorUsername, String subjectUsername, RequestOrigin origin, String detail) {
        this.occurredAt = occurredAt;
        this.type = type;
        this.actorUsername = truncate(actorUsername, 100);
        this.subjectUsername = truncate(subjectUsername, 100);
        this.ipAddress = truncate(origin.ipAddress(), 64);
        this.userAgent = origin.userAgent();
        this.detail = truncate(detail, 1000);
    }

    /** Attacker-controlled values (typed usernames, user agents) are cut to the column size rather than rejected. */
    static String truncate(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public AuditEventType getType() {
        return type;
    }

    public String getActorUsername() {
        return actorUsername;
    }

    public String getSubjectUsername() {
        return subjectUsername;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getDetail() {
        return detail;
    }
}
