package org.mfaportal.web;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.primefaces.csp.CspException;

/**
 * A form Faces cannot accept as sent: its view expired, or the CSP nonce PrimeFaces adds to every form is missing or
 * not the page's (a page kept open across a restart, a form rebuilt by hand). Neither is the server's fault, so the
 * visitor gets a 400 with the "page expired" text and a way back instead of the 500 page. (An Ajax postback never
 * gets here: Faces answers it with an error that PrimeFaces' script maps to the same page, see web.xml.)
 */
@WebFilter(servletNames = "Faces Servlet")
public class StaleFormFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String EXPIRED_PAGE = "/error/expired.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isStaleForm(e) || response.isCommitted() || EXPIRED_PAGE.equals(request.getServletPath())) {
                throw e;
            }
            // resetBuffer, not reset: the security headers set before the chain stay
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.getRequestDispatcher(EXPIRED_PAGE).forward(new PlainPageRequest(request), response);
        }
    }

    /** The error page shown as a page, not as a postback of the refused form (which Faces would try to restore). */
    private static final class PlainPageRequest extends HttpServletRequestWrapper {

        PlainPageRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }

    private static boolean isStaleForm(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException || cause instanceof CspException) {
                return true;
            }
        }
        return false;
    }
}
