package org.mfaportal.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A sign-in sent to the provider and not yet back. Holds hashes only: of the {@code state} the provider echoes and of
 * the browser's binding secret, from which the PKCE verifier and the nonce are derived ({@link OidcSignInService}).
 */
@Entity
@Table(name = "oidc_login_request")
@NamedQuery(name = OidcLoginRequest.BY_STATE, query = "select r from OidcLoginRequest r where r.stateHash = :stateHash")
@NamedQuery(name = OidcLoginRequest.SPEND, query = """
        delete from OidcLoginRequest r where r.stateHash = :stateHash""")
@NamedQuery(name = OidcLoginRequest.DELETE_EXPIRED, query = "delete from OidcLoginRequest r where r.expiresAt <= :now")
public class OidcLoginRequest {

    static final String BY_STATE = "OidcLoginRequest.byState";
    static final String SPEND = "OidcLoginRequest.spend";
    static final String DELETE_EXPIRED = "OidcLoginRequest.deleteExpired";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "state_hash", nullable = false, unique = true, length = 64)
    private String stateHash;

    @Column(name = "binding_hash", nullable = false, length = 64)
    private String bindingHash;

    @Column(name = "return_path", nullable = false, length = 2048)
    private String returnPath;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected OidcLoginRequest() {
        // for JPA
    }

    OidcLoginRequest(String stateHash, String bindingHash, String returnPath, Instant createdAt, Instant expiresAt) {
        this.stateHash = stateHash;
        this.bindingHash = bindingHash;
        this.returnPath = returnPath;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String getBindingHash() {
        return bindingHash;
    }

    String getReturnPath() {
        return returnPath;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }
}
