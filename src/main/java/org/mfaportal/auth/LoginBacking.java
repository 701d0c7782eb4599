package org.mfaportal.auth;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** The sign-in form: hands the typed credential to the authentication mechanism, which decides where to go next. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    Messages messages;

    @Inject
    CurrentUser currentUser;

    /** The second-factor page's view, rendered directly after a right password when a factor is pending. */
    static final String SECOND_FACTOR_VIEW = MfaAuthenticationMechanism.SECOND_FACTOR_PAGE + ".xhtml";

    /** PrimeFaces' CSP script adds the page's nonce to every form it submits; a stateless view's postback needs it to render. */
    static final String CSP_NONCE_PARAMETER = "primefaces.nonce";

    private String username;
    private String password;

    /** A signed-in user who opens the login page goes to the landing page instead. */
    public void redirectIfSignedIn() throws IOException {
        if (currentUser.isSignedIn()) {
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + "/");
        }
    }

    /** The explanation for {@code ?notice=...}, or null for unknown values. */
    public String getNotice() {
        String parameter = faces.getExternalContext().getRequestParameterMap().get("notice");
        return LoginNotice.fromParameter(parameter).map(notice -> messages.text(notice.messageKey())).orElse(null);
    }

    /** After signing out of the portal only: the user may go on to sign out at the identity provider. */
    public boolean isProviderSignOutOffered() {
        return LoginNotice.SIGNED_OUT_HERE_ONLY.parameter().equals(faces.getExternalContext().getRequestParameterMap().get("notice"));
    }

    /**
     * Passes the password to the mechanism. When a second factor follows, the answer is the second-factor page itself
     * (rendered by this request: one request fewer than a redirect); {@code Content-Location} names it for clients
     * that read headers, and the page's script puts its address in the address bar, so that reloading asks for the
     * page (GET) instead of posting the password again. A form posted without PrimeFaces' script gets the redirect.
     *
     * @return the view to render next: the second-factor page, or null to stay (a refusal) or after a redirect
     */
    public String signIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, new Password(password))));
        password = null;
        if (SignInSession.isSecondFactorNext(request)) {
            String secondFactorPage = external.getRequestContextPath() + MfaAuthenticationMechanism.SECOND_FACTOR_PAGE;
            if (request.getParameter(CSP_NONCE_PARAMETER) == null) {
                // No PrimeFaces script ran (script off, or a client without one): the page could not be rendered
                // under this request's CSP nonce, and without our script a reload would post the password again. So
                // the way it was: a redirect to the page (POST-redirect-GET).
                external.redirect(secondFactorPage);
                return null;
            }
            external.setResponseHeader("Content-Location", secondFactorPage);
            return SECOND_FACTOR_VIEW;
        }
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete(); // the mechanism answered itself (a redirect)
        } else if (status == AuthenticationStatus.SUCCESS) {
            external.redirect(external.getRequestContextPath() + SignInSession.nextPage(request));
        } else if (request.getAttribute(SignInRefusal.class.getName()) instanceof SignInRefusal refusal) {
            // Throttling applies to every typed username alike, so it tells nothing about which accounts exist.
            messages.error(null, refusal.messageKey(), refusal.minutes());
        } else {
            // One message for unknown user, wrong password and disabled account: no user enumeration.
            messages.error(null, "login.failed");
        }
        return null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
