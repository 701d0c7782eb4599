package org.mfaportal.policy;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.auth.SignInSession;

/**
 * ENROLMENT_ONLY: a signed-in user whose policy requires MFA after the grace period, and who has no allowed factor (or
 * whose account must enrol its first factor before anything else), reaches only the pages that set one up; everything else redirects to the security page. Lifted as soon as an allowed factor
 * exists or an admin exempts the user.
 */
@WebFilter("/*")
public class EnrolmentOnlyFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String SETUP_PAGE = "/account/security/";

    /** Pages that stay reachable (also as {@code .xhtml}): the security page, factor setup, confirming identity. */
    static final List<String> ALLOWED_PAGES = List.of("/account/security/", "/account/security/index", "/account/security/totp",
            "/account/security/webauthn", "/account/security/recovery-codes", "/account/reauthenticate", "/login");

    /** Everything below these: the WebAuthn registration and confirmation API, Faces resources. */
    static final List<String> ALLOWED_PREFIXES = List.of("/api/webauthn/registration", "/api/webauthn/reauthentication", "/jakarta.faces.resource/");

    @Inject
    PolicyService policies;

    @Inject
    UserAccountService accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!SignInSession.isRestrictedToEnrolment(request) || request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UserAccount> account = accounts.findByUsername(request.getUserPrincipal().getName());
        if (account.isPresent() && account.get().isMustChangePassword()) {
            // PasswordChangeFilter holds the user to the password page first; judged on the stored flag, so the order
            // of the two filters never matters
            chain.doFilter(request, response);
            return;
        }
        boolean restricted = account.map(policies::restrictedToEnrolment).orElse(true);
        if (!restricted) {
            SignInSession.liftEnrolmentRestriction(request);
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isAllowed(path)) {
            chain.doFilter(request, response);
        } else {
            response.sendRedirect(request.getContextPath() + SETUP_PAGE);
        }
    }

    static boolean isAllowed(String path) {
        if (path.contains("..")) {
            return false;
        }
        return ALLOWED_PAGES.stream().anyMatch(page -> path.equals(page) || path.equals(page + ".xhtml"))
                || ALLOWED_PREFIXES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
    }
}
