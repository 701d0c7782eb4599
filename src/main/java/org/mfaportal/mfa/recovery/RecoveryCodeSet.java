package org.mfaportal.mfa.recovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The salt and cost shared by a user's current recovery codes (see {@link RecoveryCodeHasher} for why one salt). */
@Entity
@Table(name = "recovery_code_set")
public class RecoveryCodeSet {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false, length = 64)
    private String salt;

    @Column(nullable = false)
    private int iterations;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RecoveryCodeSet() {
        // for JPA
    }

    RecoveryCodeSet(Long userId, String salt, int iterations, Instant createdAt) {
        this.userId = userId;
        this.salt = salt;
        this.iterations = iterations;
        this.createdAt = createdAt;
    }

    public Long getUserId() {
        return userId;
    }

    String getSalt() {
        return salt;
    }

    int getIterations() {
        return iterations;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
