package org.mfaportal.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
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
    AuditService audit;

    @Inject
    Messages messages;

    @Inject
    Clock clock;

    private String password;
    private String code;
    private String continuePath;

    public void withPassword() throws IOException {
        UserAccount user = currentUser.account().orElseThrow();
        boolean confirmed = password != null && password.length() <= AccountIdentityStore.MAX_PASSWORD_LENGTH
                && accounts.authenticate(user.getUsername(), password.toCharArray()).isPresent();
        password = null;
        conclude(user, confirmed, "password", "reauth:password");
    }

    public void withCode() throws IOException {
        UserAccount user = currentUser.account().orElseThrow();
        String factor = codes.verify(user, code).map(Enum::name).orElse(null);
        code = null;
        conclude(user, factor != null, factor, "reauth:code");
    }

    private void conclude(UserAccount user, boolean confirmed, String how, String fieldId) throws IOException {
        ExternalContext external = faces.getExternalContext();
        if (!confirmed) {
            audit.recordOwn(AuditEventType.REAUTHENTICATION_FAILED, user.getUsername());
            messages.error(fieldId, "reauth.failed");
            return;
        }
        Reauthentication.markAuthenticated((HttpServletRequest) external.getRequest(), clock.instant());
        audit.recordOwn(AuditEventType.REAUTHENTICATED, user.getUsername(), how);
        external.redirect(external.getRequestContextPath() + Reauthentication.continuePath(continuePath));
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
