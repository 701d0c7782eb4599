package org.mfaportal.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The browser's half of a sign-in at the identity provider: HttpOnly, sent only to the callback path, SameSite=Lax so
 * that the provider's top-level redirect back carries it, Secure outside dev mode.
 */
final class OidcBindingCookie {

    static final String NAME = "mfa_oidc_binding";

    private OidcBindingCookie() {
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty()
                : Arrays.stream(cookies).filter(cookie -> NAME.equals(cookie.getName())).map(Cookie::getValue).findFirst();
    }

    static void write(HttpServletRequest request, HttpServletResponse response, String secret, Duration lifetime, boolean secure) {
        response.addCookie(cookie(request, secret, (int) lifetime.toSeconds(), secure));
    }

    static void clear(HttpServletRequest request, HttpServletResponse response, boolean secure) {
        response.addCookie(cookie(request, "", 0, secure));
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAgeSeconds, boolean secure) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setPath(request.getContextPath() + "/oidc/");
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
