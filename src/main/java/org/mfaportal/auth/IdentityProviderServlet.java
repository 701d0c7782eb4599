package org.mfaportal.auth;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.oidc.OidcSettings;
import org.mfaportal.oidc.OidcSignInService;
import org.mfaportal.oidc.OidcSignInService.Authorization;
import org.mfaportal.oidc.OidcSignInService.Callback;
import org.mfaportal.oidc.ProviderUnavailableException;

/**
 * "Sign in with your company account": {@code /oidc/start} sends the browser to the identity provider,
 * {@code /oidc/callback} hands the provider's answer to the authentication mechanism and navigates on,
 * {@code /oidc/sign-out} sends a user who signed out of the portal on to sign out at the provider too. Both answer
 * 404 while no provider is configured. Every ending is a redirect: into the portal, to the second-factor page, or
 * to {@code /login} with a notice that says what went wrong.
 */
@WebServlet({IdentityProviderServlet.START_PATH, OidcSignInService.CALLBACK_PATH, IdentityProviderServlet.SIGN_OUT_PATH})
public class IdentityProviderServlet extends HttpServlet {

    static final String START_PATH = "/oidc/start";
    static final String SIGN_OUT_PATH = "/oidc/sign-out";

    @Inject
    OidcSettings settings;

    @Inject
    OidcSignInService identityProvider;

    @Inject
    SecurityContext securityContext;

    @Inject
    AuditService audit;

    @Inject
    PortalConfig config;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!settings.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (START_PATH.equals(request.getServletPath())) {
            start(request, response);
        } else if (SIGN_OUT_PATH.equals(request.getServletPath())) {
            // offered after the portal's own sign-out; the provider asks the user to confirm (no CSRF harm in a GET)
            response.sendRedirect(identityProvider.providerSignOut().map(URI::toString)
                    .orElse(request.getContextPath() + LoginNotice.SIGNED_OUT.loginPath()));
        } else {
            callback(request, response);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Authorization authorization = identityProvider.begin(SignInSession.takeReturnPath(request).value());
            OidcBindingCookie.write(request, response, authorization.bindingSecret(), settings.requestValidity(), !config.devMode());
            response.sendRedirect(authorization.providerUri().toString());
        } catch (ProviderUnavailableException e) {
            audit.record(AuditEventType.IDENTITY_PROVIDER_REFUSED, null, null, e.getMessage());
            response.sendRedirect(request.getContextPath() + LoginNotice.IDP_UNAVAILABLE.loginPath());
        }
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Callback callback = new Callback(request.getParameter("state"), request.getParameter("code"),
                request.getParameter("error"), request.getParameter("error_description"));
        OidcCallbackCredential credential = new OidcCallbackCredential(callback, OidcBindingCookie.read(request));
        // before the mechanism's redirect commits the response: the binding is spent whatever happens next
        OidcBindingCookie.clear(request, response, !config.devMode());
        AuthenticationStatus status = securityContext.authenticate(request, response,
                withParams().newAuthentication(true).credential(credential));
        if (status == AuthenticationStatus.SUCCESS) {
            response.sendRedirect(request.getContextPath() + SignInSession.nextPage(request));
        } else if (status != AuthenticationStatus.SEND_CONTINUE) {
            LoginNotice notice = request.getAttribute(LoginNotice.class.getName()) instanceof LoginNotice known
                    ? known : LoginNotice.IDP_TOKEN_INVALID;
            response.sendRedirect(request.getContextPath() + notice.loginPath());
        }
    }
}
