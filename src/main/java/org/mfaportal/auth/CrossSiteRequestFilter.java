package org.mfaportal.auth;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.mfa.webauthn.RelyingParty;
import org.mfaportal.web.Messages;

/**
 * Refuses state-changing requests (POST, PUT, PATCH, DELETE) that a browser sends on behalf of another site: login
 * CSRF (signing the victim in as the attacker) and every other cross-site form or fetch. The sign-in form is a
 * stateless view (no session, so no view-state token), which makes this check, with the SameSite cookies, its
 * protection.
 *
 * <p>The browser's own word decides first: {@code Sec-Fetch-Site} (sent by every current browser) must be
 * {@code same-origin} or {@code none} (the user's own action). Without it, an {@code Origin} header must be one of the
 * portal's origins (the request's own, the WebAuthn origins, the public URL). A request with neither header does not
 * come from a browser that a page could have made send it, so it passes (Go's {@code CrossOriginProtection} works the
 * same way). Refusals answer 403 with a reason and are audited.
 */
public class CrossSiteRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** Request attribute the 403 page reads to explain a refusal. */
    public static final String REFUSED = CrossSiteRequestFilter.class.getName() + ".refused";

    static final String MESSAGE_KEY = "error.cross-site";

    @Inject
    PortalConfig config;

    @Inject
    AuditService audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Optional<String> refusal = SAFE_METHODS.contains(request.getMethod()) ? Optional.empty() : refusal(request);
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        audit.record(AuditEventType.CROSS_SITE_REQUEST_REFUSED, null, null,
                request.getMethod() + " " + request.getRequestURI() + ": " + refusal.get());
        refuse(request, response);
    }

    /** Why the request looks cross-site, or empty when it does not. */
    Optional<String> refusal(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return "same-origin".equals(fetchSite) || "none".equals(fetchSite)
                    ? Optional.empty() : Optional.of("Sec-Fetch-Site " + shortened(fetchSite) + originNote(request));
        }
        String origin = request.getHeader("Origin");
        if (origin == null || ownOrigins(request).contains(origin)) {
            return Optional.empty();
        }
        return Optional.of("Origin " + shortened(origin));
    }

    private static String originNote(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        return origin == null ? "" : ", Origin " + shortened(origin);
    }

    private Set<String> ownOrigins(HttpServletRequest request) {
        Set<String> origins = new HashSet<>(config.relyingParty(request).origins());
        origins.add(RelyingParty.originOf(request));
        config.publicUrl().map(CrossSiteRequestFilter::originOfUrl).ifPresent(origins::add);
        return origins;
    }

    static String originOfUrl(String url) {
        URI uri = URI.create(url.strip());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String shortened(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    /** The API's scripts read JSON; pages get the 403 page, which explains what happened. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Json.createWriter(response.getWriter()).write(Json.createObjectBuilder()
                    .add("message", Messages.text(request.getLocale() == null ? Locale.ENGLISH : request.getLocale(), MESSAGE_KEY))
                    .build());
            return;
        }
        request.setAttribute(REFUSED, Boolean.TRUE);
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cross-site request refused");
    }
}
