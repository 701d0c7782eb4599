package org.mfaportal.mfa.recovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One recovery code, stored only as its slow hash; used at most once. */
@Entity
@Table(name = "recovery_code")
@NamedQuery(name = RecoveryCode.UNUSED_OF_USER, query = "select c from RecoveryCode c where c.userId = :userId and c.usedAt is null")
@NamedQuery(name = RecoveryCode.COUNT_UNUSED_OF_USER,
        query = "select count(c) from RecoveryCode c where c.userId = :userId and c.usedAt is null")
@NamedQuery(name = RecoveryCode.DELETE_OF_USER, query = "delete from RecoveryCode c where c.userId = :userId")
@NamedQuery(name = RecoveryCode.MARK_USED, query = "update RecoveryCode c set c.usedAt = :now where c.id = :id and c.usedAt is null")
public class RecoveryCode {

    static final String UNUSED_OF_USER = "RecoveryCode.unusedOfUser";
    public static final String COUNT_UNUSED_OF_USER = "RecoveryCode.countUnusedOfUser";
    static final String DELETE_OF_USER = "RecoveryCode.deleteOfUser";
    static final String MARK_USED = "RecoveryCode.markUsed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
        // for JPA
    }

    RecoveryCode(Long userId, String codeHash) {
        this.userId = userId;
        this.codeHash = codeHash;
    }

    Long getId() {
        return id;
    }

    String getCodeHash() {
        return codeHash;
    }
}
