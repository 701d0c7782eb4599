package org.mfaportal.auth;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.web.Messages;

/** The second-factor page: hands the typed code to the authentication mechanism and explains the outcome. */
@Named
@RequestScoped
public class SecondFactorBacking {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    Messages messages;

    @Inject
    MfaService mfa;

    @Inject
    PolicyService policies;

    private String code;
    private boolean trustBrowser;
    private Boolean securityKeyEnrolled;
    private String codeHint;
    private Integer trustDays;
    private Optional<UserAccount> pendingUser;

    /** Without a live pending sign-in this page has nothing to offer: back to the password. */
    public void requirePendingLogin() throws IOException {
        if (SignInSession.pendingLoginToken(request()).flatMap(pendingLogins::find).isEmpty()) {
            SignInSession.forgetPendingLogin(request());
            redirectToLogin(LoginNotice.EXPIRED);
        }
    }

    /**
     * The user of this session's pending sign-in, looked up once per request: the page asks about them several times
     * per phase (`rendered`, texts, parameters), and each lookup is a query.
     */
    private Optional<UserAccount> pendingUser() {
        if (pendingUser == null) {
            pendingUser = SignInSession.pendingLoginToken(request()).flatMap(pendingLogins::userOf);
        }
        return pendingUser;
    }

    /** Offer "Use a security key" only to users who have one (asked once per request: `rendered` is evaluated often). */
    public boolean isSecurityKeyEnrolled() {
        if (securityKeyEnrolled == null) {
            securityKeyEnrolled = pendingUser().map(user -> !mfa.authenticators(user, AuthenticatorType.WEBAUTHN).isEmpty())
                    .orElse(false);
        }
        return securityKeyEnrolled;
    }

    /** Names the digits of the user's own apps: each keeps the parameters it was enrolled with. */
    public String getCodeHint() {
        if (codeHint == null) {
            List<String> digits = pendingUser()
                    .map(user -> mfa.authenticators(user, AuthenticatorType.TOTP).stream()
                            .map(app -> app.getTotp().digits()).distinct().sorted().map(String::valueOf).toList())
                    .orElse(List.of());
            codeHint = digits.isEmpty() ? messages.text("mfa.authenticate.hint.recovery-only")
                    : messages.text("mfa.authenticate.hint", String.join("- or ", digits));
        }
        return codeHint;
    }

    public void verify() throws IOException {
        AuthenticationStatus status = securityContext.authenticate(request(), (HttpServletResponse) external().getResponse(),
                withParams().newAuthentication(true).credential(new OneTimeCodeCredential(code, trustBrowser)));
        code = null;
        if (status == AuthenticationStatus.SUCCESS) {
            external().redirect(external().getRequestContextPath() + SignInSession.nextPage(request()));
            return;
        }
        Object result = request().getAttribute(SecondFactorResult.class.getName());
        if (result instanceof SecondFactorResult.Rejected rejected) {
            if (rejected.refusalMessageKey() != null) {
                messages.error(null, rejected.refusalMessageKey());
            }
            messages.error("secondFactor:code", "mfa.authenticate.rejected", rejected.attemptsLeft());
        } else {
            redirectToLogin(LoginNotice.endingFor((SecondFactorResult) result));
        }
    }

    public void cancel() throws IOException {
        SignInSession.pendingLoginToken(request()).ifPresent(pendingLogins::cancel);
        SignInSession.forgetPendingLogin(request());
        redirectToLogin(LoginNotice.CANCELLED);
    }

    private void redirectToLogin(LoginNotice notice) throws IOException {
        external().redirect(external().getRequestContextPath() + notice.loginPath());
    }

    private ExternalContext external() {
        return faces.getExternalContext();
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) external().getRequest();
    }

    /** Days a trusted browser skips the second factor; 0 when trust is off (asked once per request, like the others). */
    public int getTrustDays() {
        if (trustDays == null) {
            trustDays = pendingUser().map(user -> (int) policies.trustedBrowserLifetime(user).toDays()).orElse(0);
        }
        return trustDays;
    }

    public boolean isTrustBrowser() {
        return trustBrowser;
    }

    public void setTrustBrowser(boolean trustBrowser) {
        this.trustBrowser = trustBrowser;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
