package org.mfaportal.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.mfaportal.account.UserAccount;

/**
 * A sign-in that passed the password and waits for the second factor (PENDING_MFA). A database row, not session
 * state, so any cluster node can continue it; the session holds only the random token whose hash is stored here.
 */
@Entity
@Table(name = "pending_login")
@NamedQuery(name = PendingLogin.BY_TOKEN_HASH, query = "select p from PendingLogin p join fetch p.user where p.tokenHash = :tokenHash")
@NamedQuery(name = PendingLogin.DELETE_BY_ID, query = "delete from PendingLogin p where p.id = :id")
@NamedQuery(name = PendingLogin.DELETE_OF_USER, query = "delete from PendingLogin p where p.user = :user")
@NamedQuery(name = PendingLogin.DELETE_EXPIRED, query = "delete from PendingLogin p where p.expiresAt <= :now")
@NamedQuery(name = PendingLogin.COUNT_FAILURE, query = "update PendingLogin p set p.failedAttempts = p.failedAttempts + 1 where p.id = :id")
@NamedQuery(name = PendingLogin.FAILURES, query = "select p.failedAttempts from PendingLogin p where p.id = :id")
public class PendingLogin {

    static final String BY_TOKEN_HASH = "PendingLogin.byTokenHash";
    static final String DELETE_BY_ID = "PendingLogin.deleteById";
    static final String DELETE_OF_USER = "PendingLogin.deleteOfUser";
    static final String DELETE_EXPIRED = "PendingLogin.deleteExpired";
    static final String COUNT_FAILURE = "PendingLogin.countFailure";
    static final String FAILURES = "PendingLogin.failures";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    /** The groups at password time: the sign-in completes with these roles. */
    @Column(name = "groups_snapshot", nullable = false, length = 2000)
    private String groupsSnapshot;

    @Column(name = "return_path", nullable = false, length = 2000)
    private String returnPath;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    protected PendingLogin() {
        // for JPA
    }

    PendingLogin(String tokenHash, UserAccount user, Set<String> groups, ReturnPath returnPath, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.user = user;
        this.groupsSnapshot = String.join(",", new TreeSet<>(groups));
        this.returnPath = returnPath.value();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public UserAccount getUser() {
        return user;
    }

    public Set<String> getGroups() {
        return groupsSnapshot.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(groupsSnapshot.split(",")));
    }

    public ReturnPath getReturnPath() {
        return ReturnPath.parse(returnPath).orElse(ReturnPath.HOME);
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
