package org.mfaportal.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use link's token (an invitation or a password reset). The token itself (256 random bits) is given to the
 * user once; only its SHA-256 is stored: a high-entropy random value needs no salt or slow hash, and a copy of the
 * table opens no account.
 */
@Entity
@Table(name = "account_token")
@NamedQuery(name = AccountToken.OPEN_BY_HASH, query = """
        select t from AccountToken t join fetch t.user
        where t.tokenHash = :tokenHash and t.purpose = :purpose and t.usedAt is null and t.expiresAt > :now""")
@NamedQuery(name = AccountToken.REDEEM, query = """
        update AccountToken t set t.usedAt = :now
        where t.tokenHash = :tokenHash and t.purpose = :purpose and t.usedAt is null and t.expiresAt > :now""")
@NamedQuery(name = AccountToken.USER_BY_HASH, query = "select t.user from AccountToken t where t.tokenHash = :tokenHash")
@NamedQuery(name = AccountToken.DELETE_OPEN, query = """
        delete from AccountToken t where t.user.id = :userId and t.purpose = :purpose and t.usedAt is null""")
@NamedQuery(name = AccountToken.OPEN_UNTIL, query = """
        select max(t.expiresAt) from AccountToken t
        where t.user.id = :userId and t.purpose = :purpose and t.usedAt is null and t.expiresAt > :now""")
@NamedQuery(name = AccountToken.DELETE_SPENT, query = "delete from AccountToken t where t.usedAt is not null or t.expiresAt <= :now")
public class AccountToken {

    static final String OPEN_BY_HASH = "AccountToken.openByHash";
    static final String REDEEM = "AccountToken.redeem";
    static final String USER_BY_HASH = "AccountToken.userByHash";
    static final String DELETE_OPEN = "AccountToken.deleteOpen";
    static final String OPEN_UNTIL = "AccountToken.openUntil";
    static final String DELETE_SPENT = "AccountToken.deleteSpent";

    public enum Purpose {
        INVITATION, PASSWORD_RESET
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private Purpose purpose;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    /** The admin who issued it (an invitation); null when the user asked for it. */
    @Column(name = "created_by", length = UserAccount.MAX_USERNAME_LENGTH)
    private String createdBy;

    protected AccountToken() {
        // for JPA
    }

    AccountToken(String tokenHash, Purpose purpose, UserAccount user, Instant createdAt, Instant expiresAt, String createdBy) {
        this.tokenHash = tokenHash;
        this.purpose = purpose;
        this.user = user;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public UserAccount getUser() {
        return user;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getUsedAt() {
        return usedAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

}
