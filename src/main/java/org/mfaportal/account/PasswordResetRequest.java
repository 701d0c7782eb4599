package org.mfaportal.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One password-reset request of the last hour, counted against an account or a client address (the key is a hash
 * of either). Rows, not counters: "at most n in the last hour" is a count, and the purge keeps the table small.
 */
@Entity
@Table(name = "password_reset_request")
@NamedQuery(name = PasswordResetRequest.COUNT_SINCE, query = """
        select count(r) from PasswordResetRequest r where r.throttleKey = :throttleKey and r.requestedAt > :since""")
@NamedQuery(name = PasswordResetRequest.DELETE_BEFORE, query = "delete from PasswordResetRequest r where r.requestedAt <= :before")
public class PasswordResetRequest {

    static final String COUNT_SINCE = "PasswordResetRequest.countSince";
    static final String DELETE_BEFORE = "PasswordResetRequest.deleteBefore";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "throttle_key", nullable = false, length = 64)
    private String throttleKey;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected PasswordResetRequest() {
        // for JPA
    }

    PasswordResetRequest(String throttleKey, Instant requestedAt) {
        this.throttleKey = throttleKey;
        this.requestedAt = requestedAt;
    }
}
