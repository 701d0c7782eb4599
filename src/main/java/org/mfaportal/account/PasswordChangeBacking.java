package org.mfaportal.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Objects;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** {@code /account/security/password}: the signed-in user changes their password (after a recent authentication). */
@Named
@RequestScoped
public class PasswordChangeBacking {

    @Inject
    CurrentUser currentUser;

    @Inject
    PasswordService passwords;

    @Inject
    PasswordPolicy policy;

    @Inject
    Reauthentication reauthentication;

    @Inject
    HttpServletRequest request;

    @Inject
    Messages messages;

    private String currentPassword;
    private String newPassword;
    private String confirmation;

    /** On entry: a recent authentication, for accounts whose password can be changed here. */
    public void requireRecent() throws IOException {
        if (isLocalPassword()) {
            reauthentication.requireRecent();
        }
    }

    public void change() throws IOException {
        if (!isLocalPassword() || !reauthentication.requireRecent()) {
            return;
        }
        try {
            if (!Objects.equals(newPassword, confirmation)) {
                messages.error("password:confirmation", "password.mismatch");
                return;
            }
            PasswordChange result = passwords.change(currentUser.account().orElseThrow(), chars(currentPassword), chars(newPassword),
                    request.getSession().getId());
            if (result instanceof PasswordChange.Changed) {
                messages.info(null, "password.change.done");
            } else if (result instanceof PasswordChange.CurrentPasswordWrong) {
                messages.error("password:current", "password.change.current-wrong");
            } else if (result instanceof PasswordChange.Throttled throttled) {
                messages.error("password:current", "login.throttled", Math.max(1, (throttled.retryAfter().toSeconds() + 59) / 60));
            } else if (result instanceof PasswordChange.Refused refused) {
                messages.error("password:new", refused.refusal().messageKey(), refused.refusal().arguments());
            }
        } finally {
            currentPassword = null;
            newPassword = null;
            confirmation = null;
        }
    }

    private static char[] chars(String value) {
        return value == null ? new char[0] : value.toCharArray();
    }

    /** Whether the portal keeps this user's password (a directory user changes it in the directory). */
    public boolean isLocalPassword() {
        return currentUser.account().map(UserAccount::hasLocalPassword).orElse(false);
    }

    public int getMinLength() {
        return policy.minLength();
    }

    public int getMaxLength() {
        return PasswordPolicy.MAX_LENGTH;
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
