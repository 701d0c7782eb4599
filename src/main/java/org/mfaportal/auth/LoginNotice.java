package org.mfaportal.auth;

import java.util.Arrays;
import java.util.Optional;
import org.mfaportal.oidc.OidcOutcome;

/** Why the login page is shown again; only these values of {@code ?notice=} mean anything. */
public enum LoginNotice {
    SIGNED_OUT("signed-out", "login.notice.signed-out"),
    SIGNED_OUT_HERE_ONLY("signed-out-here", "login.notice.signed-out-here"),
    EXPIRED("expired", "login.notice.expired"),
    TOO_MANY_CODES("too-many-codes", "login.notice.too-many-codes"),
    CANCELLED("cancelled", "login.notice.cancelled"),
    LOCKED("locked", "login.notice.locked"),
    SESSION_ENDED("session-ended", "login.notice.session-ended"),
    PASSWORD_CHANGED("password-changed", "login.notice.password-changed"),
    INVITATION_ACCEPTED("invitation-accepted", "login.notice.invitation-accepted"),
    IDP_DECLINED("idp-declined", "login.notice.idp-declined"),
    IDP_STATE_INVALID("idp-state-invalid", "login.notice.idp-state-invalid"),
    IDP_UNAVAILABLE("idp-unavailable", "login.notice.idp-unavailable"),
    IDP_TOKEN_INVALID("idp-token-invalid", "login.notice.idp-token-invalid"),
    IDP_NO_ACCOUNT("idp-no-account", "login.notice.idp-no-account"),
    IDP_ACCOUNT_UNAVAILABLE("idp-account-unavailable", "login.notice.idp-account-unavailable"),
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

    /** Why a sign-in through the identity provider ended on the login page. */
    public static LoginNotice endingFor(OidcOutcome.Reason reason) {
        return switch (reason) {
            case PROVIDER_ERROR -> IDP_DECLINED;
            case STATE_INVALID -> IDP_STATE_INVALID;
            case PROVIDER_UNAVAILABLE -> IDP_UNAVAILABLE;
            case TOKEN_INVALID -> IDP_TOKEN_INVALID;
            case NO_ACCOUNT -> IDP_NO_ACCOUNT;
            case ACCOUNT_UNAVAILABLE -> IDP_ACCOUNT_UNAVAILABLE;
        };
    }

    /** The login page URL (inside the application) that explains this notice. */
    public String loginPath() {
        return "/login?notice=" + parameter;
    }

    public static Optional<LoginNotice> fromParameter(String value) {
        return Arrays.stream(values()).filter(notice -> notice.parameter.equals(value)).findFirst();
    }
}
