package org.mfaportal.account;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.LockoutService;
import org.mfaportal.notify.SecurityNotice;

/**
 * A signed-in user changes their own password: the current one proves it is them (a wrong one counts like a failed
 * sign-in), the new one must pass the {@link PasswordPolicy}. Every other way into the account ends
 * ({@link AccountAccessRevoked}), the change is audited and mailed.
 */
@Stateless
public class PasswordService {

    @Inject
    UserAccountService accounts;

    @Inject
    PasswordPolicy policy;

    @Inject
    LockoutService lockout;

    @Inject
    AuditService audit;

    @Inject
    Event<AccountAccessRevoked> accessRevoked;

    @Inject
    Event<SecurityNotice> notices;

    /**
     * @param keepSessionId the HTTP session of the request: it stays signed in, every other session ends
     */
    public PasswordChange change(UserAccount user, char[] currentPassword, char[] newPassword, String keepSessionId) {
        if (!user.hasLocalPassword()) {
            return new PasswordChange.NoLocalPassword();
        }
        Optional<Duration> wait = lockout.passwordRetryAfter(user.getUsername());
        if (wait.isPresent()) {
            return new PasswordChange.Throttled(wait.get());
        }
        if (currentPassword == null || currentPassword.length > PasswordPolicy.MAX_INPUT_LENGTH
                || accounts.authenticate(user.getUsername(), currentPassword).isEmpty()) {
            audit.recordOwn(AuditEventType.PASSWORD_CHANGE_FAILED, user.getUsername(), "wrong current password");
            lockout.passwordFailed(user.getUsername());
            return new PasswordChange.CurrentPasswordWrong();
        }
        Optional<PasswordPolicy.Refusal> refusal = policy.check(newPassword == null ? null : java.nio.CharBuffer.wrap(newPassword),
                user.getUsername(), user.getEmail());
        if (refusal.isPresent()) {
            return new PasswordChange.Refused(refusal.get());
        }
        accounts.setPassword(user, newPassword);
        lockout.passwordAccepted(user.getUsername());
        accessRevoked.fire(new AccountAccessRevoked(user, AccountAccessRevoked.Reason.PASSWORD_CHANGED, keepSessionId, null));
        audit.recordOwn(AuditEventType.PASSWORD_CHANGED, user.getUsername());
        notices.fire(new SecurityNotice(user, SecurityNotice.Kind.PASSWORD_CHANGED, null));
        return new PasswordChange.Changed();
    }
}
