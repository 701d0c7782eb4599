package org.mfaportal.oidc;

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
import org.mfaportal.account.UserAccount;

/** The stable link of a provider's account ({@code iss} + {@code sub}, never a name or e-mail) to a portal account. */
@Entity
@Table(name = "oidc_identity")
@NamedQuery(name = OidcIdentity.BY_SUBJECT, query = """
        select i from OidcIdentity i join fetch i.user where i.issuer = :issuer and i.subject = :subject""")
public class OidcIdentity {

    static final String BY_SUBJECT = "OidcIdentity.bySubject";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255)
    private String issuer;

    @Column(nullable = false, length = 255)
    private String subject;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private UserAccount user;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    protected OidcIdentity() {
        // for JPA
    }

    OidcIdentity(String issuer, String subject, UserAccount user, Instant now) {
        this.issuer = issuer;
        this.subject = subject;
        this.user = user;
        this.linkedAt = now;
        this.lastSignInAt = now;
    }

    UserAccount getUser() {
        return user;
    }

    void signedIn(Instant now) {
        lastSignInAt = now;
    }
}
