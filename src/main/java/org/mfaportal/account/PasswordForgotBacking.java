package org.mfaportal.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.mfaportal.audit.RequestOrigin;

/**
 * {@code /password/forgot}: hands the typed username or address to the reset service, which works asynchronously,
 * and always shows the same answer: the page reveals nothing about which accounts exist.
 */
@Named
@RequestScoped
public class PasswordForgotBacking {

    @Inject
    PasswordResetService resets;

    @Inject
    AccountTokenService tokens;

    @Inject
    HttpServletRequest request;

    private String usernameOrEmail;
    private boolean sent;

    public void send() {
        resets.request(usernameOrEmail, RequestOrigin.of(request));
        usernameOrEmail = null;
        sent = true;
    }

    public boolean isSent() {
        return sent;
    }

    /** How long a link works, in minutes, for the answer's text. */
    public long getValidityMinutes() {
        return tokens.validity(AccountToken.Purpose.PASSWORD_RESET).toMinutes();
    }

    public String getUsernameOrEmail() {
        return usernameOrEmail;
    }

    public void setUsernameOrEmail(String usernameOrEmail) {
        this.usernameOrEmail = usernameOrEmail;
    }
}
