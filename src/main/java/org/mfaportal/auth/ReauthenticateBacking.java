package org.mfaportal.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.directory.DirectoryAccounts;
import org.mfaportal.directory.DirectoryUnavailableException;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** The "confirm it's you" page: the password or a code, then back to where the user was. */
@Named
@RequestScoped
public class ReauthenticateBacking {

    @Inject
    FacesContext faces;

    @Inject
    CurrentUser currentUser;

    @Inject
    UserAccountService accounts;

    @Inject
    OneTimeCodeVerifier codes;

    @Inject
    Reauthentication reauthentication;

    @Inject
    MfaService mfa;

    @Inject
    Messages messages;

    @Inject
    DirectoryAccounts directoryAccounts;


    private String password;
    private String code;
    private String continuePath;

    public void withPassword() throws IOException {
        UserAccount user = currentUser.account().orElseThrow();
        boolean confirmed;
        try {
            confirmed = password != null && password.length() <= AccountIdentityStore.MAX_PASSWORD_LENGTH
                    && (user.isFromDirectory() ? directoryAccounts.confirmPassword(user, password.toCharArray())
                            : accounts.authenticate(user.getUsername(), password.toCharArray()).isPresent());
        } catch (DirectoryUnavailableException e) {
            messages.error("reauth:password", "login.directory-unavailable");
            return;
        } finally {
            password = null;
        }
        conclude(user, confirmed, "password", "reauth:password", true);
    }

    public void withCode() throws IOException {
        UserAccount user = currentUser.account().orElseThrow();
        String factor = codes.verify(user, code).map(Enum::name).orElse(null);
        code = null;
        conclude(user, factor != null, factor, "reauth:code", false);
    }

    private void conclude(UserAccount user, boolean confirmed, String how, String fieldId, boolean withPassword) throws IOException {
        ExternalContext external = faces.getExternalContext();
        if (!confirmed) {
            reauthentication.failed(user, withPassword);
            messages.error(fieldId, "reauth.failed");
            return;
        }
        reauthentication.confirmed(user, how);
        external.redirect(external.getRequestContextPath() + Reauthentication.continuePath(continuePath));
    }

    /** Offer the security key only to users who have one. */
    public boolean isSecurityKeyEnrolled() {
        return currentUser.account().map(user -> !mfa.authenticators(user, AuthenticatorType.WEBAUTHN).isEmpty()).orElse(false);
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getContinuePath() {
        return continuePath;
    }

    public void setContinuePath(String continuePath) {
        this.continuePath = continuePath;
    }
}
