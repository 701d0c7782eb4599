package org.mfaportal.mfa.webauthn;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which browser may answer a WebAuthn challenge. The challenge is a database row ({@link WebAuthnChallenges}); its id
 * never travels through the page. It is bound to the HTTP session that asked for it, so only that session can answer.
 * A passkey sign-in's id is the exception: it is bound to the browser by a cookie of its own, so that a ceremony
 * started on one cluster node finishes on another (sessions are not replicated, and a passkey sign-in has no session
 * before it succeeds). Either way an id is taken when it is answered: an answer is tried once.
 */
public final class ChallengeBinding {

    private static final String SESSION_ATTRIBUTE = ChallengeBinding.class.getName() + ".";
    private static final String PASSKEY_COOKIE = "mfa_passkey_challenge";
    private static final String PASSKEY_PATH = "/api/webauthn/passkey";

    private ChallengeBinding() {
    }

    public static void bindToSession(HttpServletRequest request, Ceremony ceremony, String challengeId) {
        request.getSession().setAttribute(SESSION_ATTRIBUTE + ceremony, challengeId);
    }

    public static Optional<String> takeFromSession(HttpServletRequest request, Ceremony ceremony) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object id = session.getAttribute(SESSION_ATTRIBUTE + ceremony);
        session.removeAttribute(SESSION_ATTRIBUTE + ceremony);
        return id instanceof String known ? Optional.of(known) : Optional.empty();
    }

    /**
     * The cookie holds 256 random bits, is HttpOnly, SameSite=Strict, sent only to the passkey endpoint, and lives as
     * long as the challenge.
     */
    public static void bindPasskeyToBrowser(HttpServletRequest request, HttpServletResponse response, String challengeId) {
        response.addCookie(passkeyCookie(request, challengeId, (int) WebAuthnChallenges.LIFETIME.toSeconds()));
    }

    /** The passkey challenge this browser asked for; the cookie is cleared. */
    public static Optional<String> takePasskeyFromBrowser(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        Optional<String> id = cookies == null ? Optional.empty()
                : Arrays.stream(cookies).filter(cookie -> PASSKEY_COOKIE.equals(cookie.getName())).map(Cookie::getValue).findFirst();
        id.ifPresent(present -> response.addCookie(passkeyCookie(request, "", 0)));
        return id;
    }

    private static Cookie passkeyCookie(HttpServletRequest request, String value, int maxAge) {
        Cookie cookie = new Cookie(PASSKEY_COOKIE, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(request.getContextPath() + PASSKEY_PATH);
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }
}
