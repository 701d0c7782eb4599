package org.mfaportal.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed-in HTTP session. The row is the session's right to exist: the {@link LiveSessionFilter} signs out a session
 * whose row is gone, on whichever node it lives. Only a hash of the session id is stored.
 */
@Entity
@Table(name = "live_session")
@NamedQuery(name = LiveSession.BY_SESSION_HASH, query = "select s from LiveSession s where s.sessionHash = :sessionHash")
@NamedQuery(name = LiveSession.OF_USER, query = "select s from LiveSession s where s.userId = :userId and s.lastSeenAt > :idleSince order by s.lastSeenAt desc, s.id desc")
@NamedQuery(name = LiveSession.SEEN, query = "update LiveSession s set s.lastSeenAt = :now where s.id = :id")
@NamedQuery(name = LiveSession.END, query = "delete from LiveSession s where s.id = :id and s.userId = :userId")
@NamedQuery(name = LiveSession.END_BY_SESSION_HASH, query = "delete from LiveSession s where s.sessionHash = :sessionHash")
@NamedQuery(name = LiveSession.END_ALL_BUT, query = "delete from LiveSession s where s.userId = :userId and s.sessionHash <> :keepHash")
@NamedQuery(name = LiveSession.DELETE_IDLE, query = "delete from LiveSession s where s.lastSeenAt <= :idleSince")
public class LiveSession {

    static final String BY_SESSION_HASH = "LiveSession.bySessionHash";
    static final String OF_USER = "LiveSession.ofUser";
    static final String SEEN = "LiveSession.seen";
    static final String END = "LiveSession.end";
    static final String END_BY_SESSION_HASH = "LiveSession.endBySessionHash";
    static final String END_ALL_BUT = "LiveSession.endAllBut";
    static final String DELETE_IDLE = "LiveSession.deleteIdle";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_hash", nullable = false, unique = true, length = 64)
    private String sessionHash;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(length = 100)
    private String node;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "ip_address", length = 64)
    private String ipAddress;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    protected LiveSession() {
        // for JPA
    }

    LiveSession(String sessionHash, Long userId, String node, Instant createdAt, String ipAddress, String userAgent) {
        this.sessionHash = sessionHash;
        this.userId = userId;
        this.node = node;
        this.createdAt = createdAt;
        this.lastSeenAt = createdAt;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
    }

    public Long getId() {
        return id;
    }

    String getSessionHash() {
        return sessionHash;
    }

    public Long getUserId() {
        return userId;
    }

    /** The cluster node that holds the HTTP session. */
    public String getNode() {
        return node;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }
}
