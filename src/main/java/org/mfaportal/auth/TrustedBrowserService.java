package org.mfaportal.auth;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.mfa.FactorsChanged;
import org.mfaportal.notify.SecurityNotice;

/** Browsers trusted to skip the second factor: granted after a second factor, checked after the password, revocable. */
@Stateless
public class TrustedBrowserService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @Inject
    Event<SecurityNotice> notices;

    /** Trusts this browser for {@code lifetime}; returns the cookie token (256 random bits, stored only hashed). */
    public String trust(UserAccount user, String userAgent, Duration lifetime) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        em.persist(new TrustedBrowser(user.getId(), TokenDigest.of(token),
                RequestOrigin.storableUserAgent(userAgent), now, now.plus(lifetime)));
        audit.recordOwnInCallerTransaction(AuditEventType.TRUSTED_BROWSER_ADDED, user.getUsername(), UserAgentSummary.describe(userAgent));
        notices.fire(new SecurityNotice(user, SecurityNotice.Kind.TRUSTED_BROWSER_ADDED, UserAgentSummary.describe(userAgent)));
        return token;
    }

    /** True when the cookie token names a live trust of this user; the browser is then marked as seen. */
    public boolean isTrusted(UserAccount user, String token) {
        if (token == null || token.length() > 64) {
            return false;
        }
        return em.createNamedQuery(TrustedBrowser.BY_TOKEN_HASH, TrustedBrowser.class)
                .setParameter("tokenHash", TokenDigest.of(token))
                .getResultStream()
                .filter(trusted -> trusted.getUserId().equals(user.getId()) && trusted.getExpiresAt().isAfter(clock.instant()))
                .peek(trusted -> em.createNamedQuery(TrustedBrowser.SEEN).setParameter("now", clock.instant()).setParameter("id", trusted.getId()).executeUpdate())
                .findFirst()
                .isPresent();
    }

    public List<TrustedBrowser> trustedBrowsers(UserAccount user) {
        return em.createNamedQuery(TrustedBrowser.OF_USER, TrustedBrowser.class)
                .setParameter("userId", user.getId())
                .setParameter("now", clock.instant())
                .getResultList();
    }

    public void revoke(UserAccount user, long trustedBrowserId) {
        int revoked = em.createNamedQuery(TrustedBrowser.REVOKE).setParameter("id", trustedBrowserId).setParameter("userId", user.getId()).executeUpdate();
        if (revoked > 0) {
            audit.recordOwn(AuditEventType.TRUSTED_BROWSER_REVOKED, user.getUsername());
        }
    }

    public void revokeAll(UserAccount user, String reason) {
        revokeAll(user, reason, user.getUsername());
    }

    /** Revokes every trusted browser of the user; {@code actor} is who did it (the user, or an admin). */
    public void revokeAll(UserAccount user, String reason, String actor) {
        int revoked = em.createNamedQuery(TrustedBrowser.REVOKE_ALL).setParameter("userId", user.getId()).executeUpdate();
        if (revoked > 0) {
            audit.record(AuditEventType.TRUSTED_BROWSER_REVOKED, actor, user.getUsername(), revoked + " browsers: " + reason);
        }
    }

    /** Trust was given under the old set of factors: it ends when the set changes. */
    public void onFactorsChanged(@Observes FactorsChanged change) {
        revokeAll(change.user(), change.added() ? "a factor was added" : "a factor was removed");
    }

    /** A disabled account, a changed or reset password: trust given under the old state ends. */
    public void onAccessRevoked(@Observes AccountAccessRevoked revoked) {
        if (revoked.reason().revokesTrustedBrowsers()) {
            revokeAll(revoked.user(), LiveSessionService.describe(revoked.reason()),
                    revoked.actor() == null ? revoked.user().getUsername() : revoked.actor());
        }
    }

    @Schedule(hour = "*", minute = "17", persistent = false)
    public int purgeExpired() {
        return em.createNamedQuery(TrustedBrowser.DELETE_EXPIRED).setParameter("now", clock.instant()).executeUpdate();
    }
}
