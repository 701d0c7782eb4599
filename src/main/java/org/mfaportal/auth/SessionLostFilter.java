package org.mfaportal.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The sign-in pages reached with a session this node does not know: the node that held it stopped (sessions stay on
 * their node, see docs/architecture.md), or it timed out. Faces could not restore the posted page ("page expired")
 * and the pending sign-in's token went with the session, so the user is sent back to the password with a message
 * that says why. The pending sign-in's row is left to expire.
 */
@WebFilter({"/login", "/login.xhtml", "/mfa/authenticate", "/mfa/authenticate.xhtml"})
public class SessionLostFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (sessionLost(request) && (isPost(request) || isSecondFactorPage(request))) {
            forgetSessionCookie(request, response);
            String login = request.getContextPath() + LoginNotice.SESSION_LOST.loginPath();
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + login.replace("&", "&amp;") + "\"/></partial-response>");
            } else {
                // 303: the browser follows with a GET
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", login);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The sign-in form is stateless and starts no session, so a cookie naming the lost session would otherwise come
     * back with the password and land here again: the browser drops it now.
     */
    private static void forgetSessionCookie(HttpServletRequest request, HttpServletResponse response) {
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        Cookie expired = new Cookie(config.getName() == null ? "JSESSIONID" : config.getName(), "");
        String path = config.getPath() != null ? config.getPath() : request.getContextPath();
        expired.setPath(path.isEmpty() ? "/" : path);
        expired.setMaxAge(0);
        expired.setHttpOnly(true);
        expired.setSecure(config.isSecure() || request.isSecure());
        response.addCookie(expired);
    }

    private static boolean sessionLost(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid() && request.getUserPrincipal() == null;
    }

    private static boolean isPost(HttpServletRequest request) {
        return "POST".equals(request.getMethod());
    }

    private static boolean isSecondFactorPage(HttpServletRequest request) {
        return request.getServletPath().startsWith(MfaAuthenticationMechanism.SECOND_FACTOR_PAGE);
    }
}
