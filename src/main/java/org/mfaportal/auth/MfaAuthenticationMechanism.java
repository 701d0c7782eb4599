package org.mfaportal.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.audit.RequestOrigin;

/**
 * The portal's only way in: the login state machine of docs/architecture.md.
 *
 * <pre>
 * ANONYMOUS --protected page--> redirect to /login (the page is remembered as the return path)
 * ANONYMOUS --password ok-----> AUTHENTICATED: new session id, container told, back to the return path
 * ANONYMOUS --password wrong--> ANONYMOUS (generic message)
 * </pre>
 *
 * Once the container knows the caller, {@link AutoApplySession} re-establishes them on each request from the
 * session; until then the principal stays null and every protected resource is refused.
 */
@ApplicationScoped
@AutoApplySession
public class MfaAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login";
    static final String RETURN_PATH_ATTRIBUTE = ReturnPath.class.getName();

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AuditService audit;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
            HttpMessageContext context) {
        if (context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential password) {
            return passwordStep(password, request, context);
        }
        if (context.isProtected()) {
            return askForPassword(request, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus askForPassword(HttpServletRequest request, HttpMessageContext context) {
        if (isPageNavigation(request)) {
            ReturnPath.ofRequest(request.getContextPath(), request.getRequestURI(), request.getQueryString())
                    .ifPresent(path -> request.getSession().setAttribute(RETURN_PATH_ATTRIBUTE, path));
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    /**
     * Only a page the user navigated to is worth returning to: the favicon or a script the login page loads
     * must not replace it.
     */
    static boolean isPageNavigation(HttpServletRequest request) {
        String fetchDestination = request.getHeader("Sec-Fetch-Dest");
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod())
                && (fetchDestination == null || "document".equals(fetchDestination))
                && (accept == null || accept.contains("text/html") || accept.contains("*/*"));
    }

    private AuthenticationStatus passwordStep(UsernamePasswordCredential password, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(password);
        RequestOrigin origin = RequestOrigin.of(request);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            audit.record(AuditEventType.PASSWORD_REJECTED, null, password.getCaller(), origin, null);
            return AuthenticationStatus.SEND_FAILURE;
        }
        String username = result.getCallerPrincipal().getName();
        audit.recordOwn(AuditEventType.PASSWORD_ACCEPTED, username, origin);
        return completeSignIn(result, request, context);
    }

    /** The only transition into AUTHENTICATED. */
    private AuthenticationStatus completeSignIn(CredentialValidationResult result, HttpServletRequest request, HttpMessageContext context) {
        ReturnPath returnPath = takeReturnPath(request);
        // A new session id at the privilege change defeats session fixation.
        request.changeSessionId();
        audit.recordOwn(AuditEventType.SIGN_IN_COMPLETED, result.getCallerPrincipal().getName(), RequestOrigin.of(request));
        try {
            context.getResponse().sendRedirect(returnPath.withContextPath(request.getContextPath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return context.notifyContainerAboutLogin(result);
    }

    private static ReturnPath takeReturnPath(HttpServletRequest request) {
        HttpSession session = request.getSession();
        Object stored = session.getAttribute(RETURN_PATH_ATTRIBUTE);
        session.removeAttribute(RETURN_PATH_ATTRIBUTE);
        return stored instanceof ReturnPath path ? path : ReturnPath.HOME;
    }
}
