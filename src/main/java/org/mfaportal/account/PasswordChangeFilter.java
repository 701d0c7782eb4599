package org.mfaportal.account;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.mfaportal.auth.SignInSession;

/**
 * PASSWORD_CHANGE_ONLY: a signed-in user whose password someone else chose (the bootstrap admin's, from the server's
 * environment) reaches only the password-change page until they set their own; everything else redirects there. Lifted
 * as soon as the stored flag is cleared (by the password change itself). Comes before ENROLMENT_ONLY, which waits for it.
 */
@WebFilter("/*")
public class PasswordChangeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String PASSWORD_PAGE = "/account/security/password";

    /** Pages that stay reachable (also as {@code .xhtml}): the password page and confirming identity for it. */
    static final List<String> ALLOWED_PAGES = List.of(PASSWORD_PAGE, "/account/reauthenticate", "/login");

    /** Everything below these: Faces resources, the WebAuthn confirmation API. */
    static final List<String> ALLOWED_PREFIXES = List.of("/jakarta.faces.resource/", "/api/webauthn/reauthentication/");

    @Inject
    UserAccountService accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!SignInSession.isPasswordChangeRequired(request) || request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean required = accounts.findByUsername(request.getUserPrincipal().getName()).map(UserAccount::isMustChangePassword).orElse(true);
        if (!required) {
            SignInSession.liftPasswordChangeRequirement(request);
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isAllowed(path)) {
            chain.doFilter(request, response);
        } else {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
        }
    }

    static boolean isAllowed(String path) {
        if (path.contains("..") || path.contains(";")) {
            return false;
        }
        return ALLOWED_PAGES.stream().anyMatch(page -> path.equals(page) || path.equals(page + ".xhtml"))
                || ALLOWED_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
