package org.mfaportal.mfa.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A challenge handed to the browser for one ceremony. Its id lives only in the HTTP session that asked for it (the
 * binding); the row is deleted when the response is checked (single use) and is worthless after {@link #expiresAt}.
 */
@Entity
@Table(name = "webauthn_challenge")
@NamedQuery(name = WebAuthnChallenge.CLAIM, query = "delete from WebAuthnChallenge c where c.id = :id")
@NamedQuery(name = WebAuthnChallenge.DELETE_EXPIRED, query = "delete from WebAuthnChallenge c where c.expiresAt <= :now")
public class WebAuthnChallenge {

    static final String CLAIM = "WebAuthnChallenge.claim";
    static final String DELETE_EXPIRED = "WebAuthnChallenge.deleteExpired";

    @Id
    @Column(length = 64)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Ceremony ceremony;

    @Column(nullable = false, length = 64)
    private String challenge;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected WebAuthnChallenge() {
        // for JPA
    }

    WebAuthnChallenge(String id, Ceremony ceremony, String challenge, Long userId, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.ceremony = ceremony;
        this.challenge = challenge;
        this.userId = userId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String getId() {
        return id;
    }

    Ceremony getCeremony() {
        return ceremony;
    }

    String getChallenge() {
        return challenge;
    }

    Long getUserId() {
        return userId;
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
