package org.mfaportal.auth;

import java.util.Arrays;
import java.util.Optional;

/** Why the login page is shown again; only these values of {@code ?notice=} mean anything. */
public enum LoginNotice {
    SIGNED_OUT("signed-out", "login.notice.signed-out"),
    EXPIRED("expired", "login.notice.expired"),
    TOO_MANY_CODES("too-many-codes", "login.notice.too-many-codes"),
    CANCELLED("cancelled", "login.notice.cancelled"),
    LOCKED("locked", "login.notice.locked"),
    SESSION_ENDED("session-ended", "login.notice.session-ended"),
    PASSWORD_CHANGED("password-changed", "login.notice.password-changed"),
    INVITATION_ACCEPTED("invitation-accepted", "login.notice.invitation-accepted"),
    SESSION_LOST("session-lost", "login.notice.session-lost");

    private final String parameter;
    private final String messageKey;

    LoginNotice(String parameter, String messageKey) {
        this.parameter = parameter;
        this.messageKey = messageKey;
    }

    public String parameter() {
        return parameter;
    }

    public String messageKey() {
        return messageKey;
    }

    /** Why a second-factor attempt sent the user back to the password; the same for the Faces page and the API. */
    public static LoginNotice endingFor(SecondFactorResult result) {
        if (result instanceof SecondFactorResult.AttemptsExhausted) {
            return TOO_MANY_CODES;
        }
        return result instanceof SecondFactorResult.AccountLocked ? LOCKED : EXPIRED;
    }

    /** The login page URL (inside the application) that explains this notice. */
    public String loginPath() {
        return "/login?notice=" + parameter;
    }

    public static Optional<LoginNotice> fromParameter(String value) {
        return Arrays.stream(values()).filter(notice -> notice.parameter.equals(value)).findFirst();
    }
}
