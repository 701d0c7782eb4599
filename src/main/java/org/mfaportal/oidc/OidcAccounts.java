package org.mfaportal.oidc;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mfaportal.account.ExternalGroups;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.oidc.OidcOutcome.Reason;
import org.mfaportal.oidc.OidcOutcome.Refused;
import org.mfaportal.oidc.OidcOutcome.Verified;

/**
 * Which portal account a verified ID token belongs to. {@code iss} + {@code sub} is the only stable link: names and
 * e-mail addresses change hands. A first sign-in links to an existing account only the ways configuration allows
 * (the username claim, or an e-mail the provider marks verified), otherwise creates a record without a password
 * if allowed, otherwise is refused.
 */
@Stateless
public class OidcAccounts {

    /** More than any directory would hand out; a longer list is a misconfigured claim, not a person's groups. */
    static final int MAX_GROUPS = 200;

    @Inject
    OidcSettings settings;

    @Inject
    UserAccountService accounts;

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @PersistenceContext
    EntityManager em;

    public OidcOutcome signIn(IDTokenClaimsSet claims, String returnPath) {
        String issuer = claims.getIssuer().getValue();
        String subject = claims.getSubject().getValue();
        String hint = claims.getStringClaim(settings.usernameClaim());
        Optional<OidcIdentity> linked = em.createNamedQuery(OidcIdentity.BY_SUBJECT, OidcIdentity.class)
                .setParameter("issuer", issuer).setParameter("subject", subject).getResultStream().findFirst();
        UserAccount account;
        if (linked.isPresent()) {
            linked.get().signedIn(clock.instant());
            account = linked.get().getUser();
            if (account.isFromIdentityProvider()) {
                account = accounts.refreshFromIdentityProvider(account, displayName(claims, account.getUsername()),
                        claims.getStringClaim("email"), groups(claims));
            }
        } else {
            Optional<Link> found = firstSignIn(claims, hint);
            if (found.isEmpty()) {
                return new Refused(Reason.NO_ACCOUNT, "no account for " + issuer + " subject " + subject
                        + (hint == null ? "" : " (" + settings.usernameClaim() + " " + hint + ")"), hint);
            }
            account = found.get().account();
            em.persist(new OidcIdentity(issuer, subject, account, clock.instant()));
            audit.recordOwn(AuditEventType.IDENTITY_PROVIDER_LINKED, account.getUsername(),
                    found.get().how() + ", " + issuer + " subject " + subject);
        }
        if (!account.isEnabled()) {
            return new Refused(Reason.ACCOUNT_UNAVAILABLE, "account disabled", account.getUsername());
        }
        List<String> amr = OidcSignInService.amrValues(claims);
        String acr = claims.getACR() == null ? null : claims.getACR().getValue();
        return new Verified(account, issuer, amr, acr,
                ProviderAssurance.provenFactors(amr, acr, settings.trustedAmr(), settings.trustedAcr(), settings.securityKeyAmr()),
                returnPath);
    }

    /** A first sign-in's account, and how it was found (for the audit log). */
    private record Link(UserAccount account, String how) {
    }

    private Optional<Link> firstSignIn(IDTokenClaimsSet claims, String username) {
        if (settings.linkByUsername() && username != null) {
            Optional<UserAccount> byName = accounts.findByUsername(username);
            if (byName.isPresent()) {
                return Optional.of(new Link(byName.get(), "linked by the " + settings.usernameClaim() + " claim"));
            }
        }
        String email = claims.getStringClaim("email");
        if (settings.linkByVerifiedEmail() && email != null && Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"))) {
            List<UserAccount> byEmail = accounts.findByEmail(email);
            if (byEmail.size() == 1) {
                return Optional.of(new Link(byEmail.get(0), "linked by verified e-mail address"));
            }
        }
        if (!settings.createAccounts() || username == null) {
            return Optional.empty();
        }
        String normalized = UserAccount.normalizeUsername(username);
        if (!UserAccount.isValidUsername(normalized) || accounts.findByUsername(normalized).isPresent()) {
            // an existing account is linked only as configured above, never taken over by a name that matches
            return Optional.empty();
        }
        return Optional.of(new Link(accounts.createFromIdentityProvider(normalized, displayName(claims, normalized), email,
                groups(claims)), "account created"));
    }

    private static String displayName(IDTokenClaimsSet claims, String fallback) {
        String name = claims.getStringClaim("name");
        return name == null || name.isBlank() ? fallback : name.strip();
    }

    /**
     * The groups claim as a list of strings, or a single string; anything else counts as no groups. Only the
     * configured admin groups ({@code mfa.oidc.admin-groups}) make an administrator, as for the directory.
     */
    private Set<String> groups(IDTokenClaimsSet claims) {
        Object value = claims.getClaim(settings.groupsClaim());
        Collection<?> raw = value instanceof Collection<?> list ? list : value instanceof String single ? List.of(single) : List.of();
        Set<String> named = new TreeSet<>();
        for (Object group : raw) {
            if (group instanceof String name && named.size() < MAX_GROUPS) {
                named.add(name);
            }
        }
        return ExternalGroups.portalGroups(named, settings.adminGroups());
    }
}
