package org.mfaportal.auth;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import org.mfaportal.web.Messages;

/**
 * Signs out a signed-in session whose {@link LiveSession} row is gone: ended by the user from another session, by an
 * admin, or by a disabled account or a changed password, on any node. Checked on every request but static resources,
 * so an ended session cannot serve one more page.
 */
@WebFilter("/*")
public class LiveSessionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String RESOURCES = "/jakarta.faces.resource/";

    @Inject
    LiveSessionService liveSessions;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (request.getUserPrincipal() == null || session == null || isResource(request) || liveSessions.isLive(session.getId())) {
            chain.doFilter(request, response);
            return;
        }
        request.logout();
        session.invalidate();
        sendToLogin(request, response);
    }

    private static boolean isResource(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + RESOURCES);
    }

    /** Pages are redirected; Faces' Ajax and the JSON API are told in their own formats, as their scripts expect. */
    private static void sendToLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String login = request.getContextPath() + LoginNotice.SESSION_ENDED.loginPath();
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login.replace("&", "&amp;") + "\"/></partial-response>");
        } else if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Json.createWriter(response.getWriter()).write(Json.createObjectBuilder()
                    .add("message", Messages.text(request.getLocale() == null ? Locale.ENGLISH : request.getLocale(), LoginNotice.SESSION_ENDED.messageKey()))
                    .add("next", LoginNotice.SESSION_ENDED.loginPath())
                    .build());
        } else {
            response.sendRedirect(login);
        }
    }
}
