package org.mfaportal.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A browser trusted to skip the second factor until {@link #expiresAt}; the cookie's token is stored only hashed. */
@Entity
@Table(name = "trusted_browser")
@NamedQuery(name = TrustedBrowser.BY_TOKEN_HASH, query = "select t from TrustedBrowser t where t.tokenHash = :tokenHash")
@NamedQuery(name = TrustedBrowser.OF_USER, query = "select t from TrustedBrowser t where t.userId = :userId and t.expiresAt > :now order by t.createdAt desc")
@NamedQuery(name = TrustedBrowser.REVOKE, query = "delete from TrustedBrowser t where t.id = :id and t.userId = :userId")
@NamedQuery(name = TrustedBrowser.REVOKE_ALL, query = "delete from TrustedBrowser t where t.userId = :userId")
@NamedQuery(name = TrustedBrowser.DELETE_EXPIRED, query = "delete from TrustedBrowser t where t.expiresAt <= :now")
@NamedQuery(name = TrustedBrowser.SEEN, query = "update TrustedBrowser t set t.lastSeenAt = :now where t.id = :id")
public class TrustedBrowser {

    static final String BY_TOKEN_HASH = "TrustedBrowser.byTokenHash";
    static final String OF_USER = "TrustedBrowser.ofUser";
    static final String REVOKE = "TrustedBrowser.revoke";
    static final String REVOKE_ALL = "TrustedBrowser.revokeAll";
    static final String DELETE_EXPIRED = "TrustedBrowser.deleteExpired";
    static final String SEEN = "TrustedBrowser.seen";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    protected TrustedBrowser() {
        // for JPA
    }

    TrustedBrowser(Long userId, String tokenHash, String userAgent, Instant createdAt, Instant expiresAt) {
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.userAgent = userAgent;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.lastSeenAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    Long getUserId() {
        return userId;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }
}
