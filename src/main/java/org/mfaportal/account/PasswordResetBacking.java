package org.mfaportal.account;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.mfaportal.auth.LoginNotice;
import org.mfaportal.web.Messages;

/** {@code /password/reset?token=}: a new password through a mailed link, then to the sign-in page. */
@Named
@ViewScoped
public class PasswordResetBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PasswordResetService resets;

    @Inject
    PasswordPolicy policy;

    @Inject
    Messages messages;

    private String token;
    private String username;
    private boolean linkValid;
    private String newPassword;
    private String confirmation;

    /** On entry: whether the link works, without using it. */
    public void load() {
        if (username == null) {
            username = resets.userOf(token).map(UserAccount::getUsername).orElse(null);
            linkValid = username != null;
        }
    }

    public void reset() throws IOException {
        if (!linkValid) {
            return;
        }
        try {
            if (!Objects.equals(newPassword, confirmation)) {
                messages.error("reset:confirmation", "password.mismatch");
                return;
            }
            PasswordReset result = resets.reset(token, newPassword == null ? new char[0] : newPassword.toCharArray());
            if (result instanceof PasswordReset.Done) {
                ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
                external.redirect(external.getRequestContextPath() + LoginNotice.PASSWORD_CHANGED.loginPath());
            } else if (result instanceof PasswordReset.Refused refused) {
                messages.error("reset:new", refused.refusal().messageKey(), refused.refusal().arguments());
            } else {
                linkValid = false;
            }
        } finally {
            newPassword = null;
            confirmation = null;
        }
    }

    public boolean isLinkValid() {
        return linkValid;
    }

    public String getUsername() {
        return username;
    }

    public int getMinLength() {
        return policy.minLength();
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
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
