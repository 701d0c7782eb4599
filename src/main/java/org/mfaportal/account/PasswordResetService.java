package org.mfaportal.account;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.CharBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.mfaportal.account.AccountToken.Purpose;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.auth.LockoutService;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.notify.SecurityNotice;
import org.mfaportal.web.PublicUrl;

/**
 * "Forgot your password?": a single-use link by e-mail, then a new password. The request is handled asynchronously,
 * so the page answers the same and at the same time whether an account matched or not. Requests are throttled per
 * account and per client address in the database (every cluster node counts the same). A reset sets the password
 * and nothing else: second factors stay, so a user with MFA still needs one to sign in.
 */
@Stateless
public class PasswordResetService {

    /** Mails per account per hour: enough for a lost mail or two, too few to flood a mailbox. */
    public static final int MAILS_PER_ACCOUNT = 3;
    /** Requests per client address per hour, whether an account matched or not. */
    public static final int REQUESTS_PER_ADDRESS = 10;
    static final Duration WINDOW = Duration.ofHours(1);

    static final String RESET_PAGE = "/password/reset";

    private static final Logger LOG = Logger.getLogger(PasswordResetService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UserAccountService accounts;

    @Inject
    AccountTokenService tokens;

    @Inject
    PasswordPolicy policy;

    @Inject
    PublicUrl publicUrl;

    @Inject
    AuditService audit;

    @Inject
    LockoutService lockout;

    @Inject
    Event<PasswordResetLinkIssued> linksIssued;

    @Inject
    Event<AccountAccessRevoked> accessRevoked;

    @Inject
    Event<SecurityNotice> notices;

    /**
     * Mails a reset link to the enabled local account(s) matching a username or e-mail address, unless throttled.
     * Returns at once: the caller's response must not depend on whether, or how slowly, an account was found.
     */
    @Asynchronous
    public void request(String usernameOrEmail, RequestOrigin origin) {
        if (usernameOrEmail == null || usernameOrEmail.isBlank() || usernameOrEmail.length() > 254) {
            return;
        }
        Instant now = clock.instant();
        if (!countWithin(throttleKey("address", String.valueOf(origin.ipAddress())), REQUESTS_PER_ADDRESS, now)) {
            audit.record(AuditEventType.PASSWORD_RESET_THROTTLED, null, null, "too many requests from this address", origin);
            return;
        }
        for (UserAccount user : matching(usernameOrEmail)) {
            // one request at a time per account: the count and the token below cannot race
            UserAccount locked = em.find(UserAccount.class, user.getId(), LockModeType.PESSIMISTIC_WRITE);
            if (!countWithin(throttleKey("account", locked.getId().toString()), MAILS_PER_ACCOUNT, now)) {
                audit.record(AuditEventType.PASSWORD_RESET_THROTTLED, null, locked.getUsername(), "too many requests for this account", origin);
                continue;
            }
            String token = tokens.issue(locked, Purpose.PASSWORD_RESET, null);
            Optional<String> link = publicUrl.of(RESET_PAGE, Map.of("token", token));
            if (link.isEmpty()) {
                LOG.severe("No password-reset link can be mailed: set mfa.public-url to the portal's external URL");
                audit.record(AuditEventType.NOTIFICATION_FAILED, null, locked.getUsername(), "password reset: mfa.public-url is not set", origin);
                continue;
            }
            linksIssued.fire(new PasswordResetLinkIssued(locked, link.get(), tokens.validity(Purpose.PASSWORD_RESET), origin));
            audit.record(AuditEventType.PASSWORD_RESET_REQUESTED, null, locked.getUsername(), null, origin);
        }
    }

    /** The account a reset link is for, while the link works: to show the form. */
    public Optional<UserAccount> userOf(String token) {
        return tokens.check(token, Purpose.PASSWORD_RESET).filter(PasswordResetService::mayReset);
    }

    /**
     * Sets the new password if the link still works (used up at once, exactly once) and the password is acceptable
     * (then the link keeps working for another try). Ends every session and trusted browser of the user; leaves
     * their second factors alone.
     */
    public PasswordReset reset(String token, char[] newPassword) {
        Optional<UserAccount> user = userOf(token);
        if (user.isEmpty()) {
            return new PasswordReset.InvalidLink();
        }
        Optional<PasswordPolicy.Refusal> refusal = policy.check(newPassword == null ? null : CharBuffer.wrap(newPassword),
                user.get().getUsername(), user.get().getEmail());
        if (refusal.isPresent()) {
            return new PasswordReset.Refused(refusal.get());
        }
        Optional<UserAccount> redeemed = tokens.redeem(token, Purpose.PASSWORD_RESET).filter(PasswordResetService::mayReset);
        if (redeemed.isEmpty()) {
            return new PasswordReset.InvalidLink();
        }
        UserAccount account = redeemed.get();
        accounts.setPassword(account, newPassword);
        lockout.passwordAccepted(account.getUsername());
        accessRevoked.fire(new AccountAccessRevoked(account, AccountAccessRevoked.Reason.PASSWORD_RESET, null, null));
        audit.recordOwn(AuditEventType.PASSWORD_RESET, account.getUsername());
        notices.fire(new SecurityNotice(account, SecurityNotice.Kind.PASSWORD_RESET, null));
        return new PasswordReset.Done(account.getUsername());
    }

    /** Requests older than the throttle window count for nothing and are deleted. */
    @Schedule(minute = "*/15", hour = "*", persistent = false)
    public int forgetOldRequests() {
        return em.createNamedQuery(PasswordResetRequest.DELETE_BEFORE).setParameter("before", clock.instant().minus(WINDOW)).executeUpdate();
    }

    private List<UserAccount> matching(String usernameOrEmail) {
        List<UserAccount> found = usernameOrEmail.contains("@")
                ? accounts.findByEmail(usernameOrEmail)
                : accounts.findByUsername(usernameOrEmail).map(List::of).orElse(List.of());
        return found.stream().filter(PasswordResetService::mayReset).filter(user -> user.getEmail() != null && !user.getEmail().isBlank()).toList();
    }

    /** Only the portal's own passwords are reset here; a disabled account gets nothing. */
    private static boolean mayReset(UserAccount user) {
        return user.isEnabled() && user.hasLocalPassword();
    }

    /** Records this request under the key if fewer than {@code limit} were made within the window. */
    private boolean countWithin(String key, int limit, Instant now) {
        long recent = em.createNamedQuery(PasswordResetRequest.COUNT_SINCE, Long.class)
                .setParameter("throttleKey", key)
                .setParameter("since", now.minus(WINDOW))
                .getSingleResult();
        if (recent >= limit) {
            return false;
        }
        em.persist(new PasswordResetRequest(key, now));
        return true;
    }

    private static String throttleKey(String kind, String value) {
        return TokenDigest.of(kind + ":" + value);
    }
}
