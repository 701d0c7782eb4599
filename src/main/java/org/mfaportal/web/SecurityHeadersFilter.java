package org.mfaportal.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.mfaportal.config.PortalConfig;

/**
 * The hardened response headers, on every response the application serves (pages, error pages, static resources,
 * the JSON API), mapped first in web.xml for the REQUEST, FORWARD and ERROR dispatches.
 *
 * <p>Faces pages get their Content-Security-Policy from PrimeFaces' CSP mode ({@code primefaces.CSP} and
 * {@code primefaces.CSP_POLICY} in web.xml), which alone knows the per-request nonce of the scripts it renders. Every
 * other response gets {@link #NO_CONTENT_POLICY}, which PrimeFaces' header replaces (never adds to: two policies would
 * both be enforced). Strict-Transport-Security only over HTTPS (TLS at WildFly, or at a balancer that says so with
 * X-Forwarded-Proto and {@code proxy-address-forwarding}): over plain HTTP browsers ignore it anyway.
 *
 * <p>Cookies the application adds (the trusted-browser cookie, PrimeFaces' download marker, Mojarra's flash cookie)
 * leave HttpOnly, and Secure outside dev mode; the session cookie is set by {@link SessionCookieSettings}, SameSite
 * for all by WEB-INF/undertow-handlers.conf.
 */
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /** For responses that are not pages (JSON, images, scripts, style sheets): they may load and run nothing. */
    static final String NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** One year; the browser renews it with every HTTPS response. Sub-domains are the operator's to decide. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    @Inject
    PortalConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        setHeaders(request, response);
        chain.doFilter(request, new HardenedResponse(response, !config.devMode()));
    }

    /**
     * The headers alone, for a response written before any filter runs: the authentication mechanism's redirects (to
     * the login page, to the second factor) are answered in the container's security step, ahead of the filter chain.
     */
    public static void setHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(CONTENT_SECURITY_POLICY, NO_CONTENT_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        // frame-ancestors 'none' in the policy; X-Frame-Options for browsers without CSP level 2
        response.setHeader("X-Frame-Options", "DENY");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
    }

    /**
     * PrimeFaces adds its page policy with addHeader: it replaces the fallback instead of joining it. Cookies leave
     * HttpOnly (no script of the portal reads one), and Secure unless in dev mode.
     */
    static final class HardenedResponse extends HttpServletResponseWrapper {

        private final boolean secureCookies;

        HardenedResponse(HttpServletResponse response, boolean secureCookies) {
            super(response);
            this.secureCookies = secureCookies;
        }

        @Override
        public void addHeader(String name, String value) {
            if (CONTENT_SECURITY_POLICY.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void addCookie(Cookie cookie) {
            cookie.setHttpOnly(true);
            if (secureCookies) {
                cookie.setSecure(true);
            }
            super.addCookie(cookie);
        }
    }
}
