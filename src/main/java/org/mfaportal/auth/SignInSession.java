package org.mfaportal.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The only sign-in state kept in the HTTP session: where to return after sign-in, the token of the pending sign-in
 * (its state is in the database), where the sign-in goes next, and a one-time notice for the page after sign-in.
 * WebAuthn challenge ids are bound by {@link org.mfaportal.mfa.webauthn.ChallengeBinding}.
 */
public final class SignInSession {

    private static final String RETURN_PATH = SignInSession.class.getName() + ".returnPath";
    private static final String PENDING_LOGIN_TOKEN = SignInSession.class.getName() + ".pendingLoginToken";
    private static final String RECOVERY_CODES_LEFT = SignInSession.class.getName() + ".recoveryCodesLeft";
    private static final String NEXT_PAGE = SignInSession.class.getName() + ".nextPage";
    private static final String SECOND_FACTOR_NEXT = SignInSession.class.getName() + ".secondFactorNext";
    private static final String ENROLMENT_ONLY = SignInSession.class.getName() + ".enrolmentOnly";
    private static final String SIGNED_IN = SignInSession.class.getName() + ".signedIn";
    private static final String PASSWORD_CHANGE_ONLY = SignInSession.class.getName() + ".passwordChangeOnly";
    private static final String THROUGH_IDENTITY_PROVIDER = SignInSession.class.getName() + ".throughIdentityProvider";

    private SignInSession() {
    }

    static void rememberReturnPath(HttpServletRequest request, ReturnPath path) {
        request.getSession().setAttribute(RETURN_PATH, path);
    }

    static ReturnPath takeReturnPath(HttpServletRequest request) {
        return take(request, RETURN_PATH, ReturnPath.class).orElse(ReturnPath.HOME);
    }

    static void rememberPendingLogin(HttpServletRequest request, String token) {
        request.getSession().setAttribute(PENDING_LOGIN_TOKEN, token);
    }

    public static Optional<String> pendingLoginToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(PENDING_LOGIN_TOKEN));
    }

    static void forgetPendingLogin(HttpServletRequest request) {
        take(request, PENDING_LOGIN_TOKEN, String.class);
    }

    static void rememberRecoveryCodesLeft(HttpServletRequest request, int left) {
        request.getSession().setAttribute(RECOVERY_CODES_LEFT, left);
    }

    static Optional<Integer> takeRecoveryCodesLeft(HttpServletRequest request) {
        return take(request, RECOVERY_CODES_LEFT, Integer.class);
    }

    /** Where the sign-in goes next, decided by the authentication mechanism for the page or API that asked. */
    static void proceedTo(HttpServletRequest request, String path) {
        request.setAttribute(NEXT_PAGE, path);
    }

    /**
     * The password was right and a second factor is pending (PENDING_MFA): the form that passed the password answers
     * with the second-factor page. A request attribute: it says what this request's response must be, nothing more.
     */
    static void secondFactorNext(HttpServletRequest request) {
        request.setAttribute(SECOND_FACTOR_NEXT, Boolean.TRUE);
    }

    static boolean isSecondFactorNext(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(SECOND_FACTOR_NEXT));
    }

    public static String nextPage(HttpServletRequest request) {
        Object next = request.getAttribute(NEXT_PAGE);
        return next instanceof String path ? path : ReturnPath.HOME.value();
    }

    /** ENROLMENT_ONLY: the policy requires MFA, the grace period is over, and the user has no factor yet. */
    static void restrictToEnrolment(HttpServletRequest request) {
        request.getSession().setAttribute(ENROLMENT_ONLY, Boolean.TRUE);
    }

    public static boolean isRestrictedToEnrolment(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(ENROLMENT_ONLY));
    }

    public static void liftEnrolmentRestriction(HttpServletRequest request) {
        take(request, ENROLMENT_ONLY, Boolean.class);
    }

    /** The session completed a sign-in and has a {@link LiveSession} row. */
    static void markSignedIn(HttpServletRequest request) {
        request.getSession().setAttribute(SIGNED_IN, Boolean.TRUE);
    }

    static boolean isSignedIn(HttpSession session) {
        return Boolean.TRUE.equals(session.getAttribute(SIGNED_IN));
    }

    /** PASSWORD_CHANGE_ONLY: the password was chosen by someone else (the bootstrap admin's); the user must set their own. */
    /** The sign-in came through the company's identity provider: signing out offers to sign out there too. */
    static void markThroughIdentityProvider(HttpServletRequest request) {
        request.getSession().setAttribute(THROUGH_IDENTITY_PROVIDER, Boolean.TRUE);
    }

    static boolean isThroughIdentityProvider(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(THROUGH_IDENTITY_PROVIDER));
    }

    static void requirePasswordChange(HttpServletRequest request) {
        request.getSession().setAttribute(PASSWORD_CHANGE_ONLY, Boolean.TRUE);
    }

    public static boolean isPasswordChangeRequired(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(PASSWORD_CHANGE_ONLY));
    }

    public static void liftPasswordChangeRequirement(HttpServletRequest request) {
        take(request, PASSWORD_CHANGE_ONLY, Boolean.class);
    }

    private static <T> Optional<T> take(HttpServletRequest request, String attribute, Class<T> type) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object value = session.getAttribute(attribute);
        session.removeAttribute(attribute);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }
}
