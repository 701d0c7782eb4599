package org.mfaportal.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What completed a sign-in, as the {@code SIGN_IN_COMPLETED} audit event says it ("with an authenticator app"). The
 * audit detail is the one place this is recorded; {@link #ofAuditDetail} reads it back (the metrics count sign-ins per
 * method from it), so both directions live here.
 */
public enum SignInMethod {
    /** The password alone: the user has no factor (or MFA is not required and none is enrolled). */
    PASSWORD("with the password only"),
    /** The password and a browser the user chose to trust. */
    TRUSTED_BROWSER("with the password from a trusted browser"),
    TOTP("with an authenticator app"),
    RECOVERY_CODE("with a recovery code"),
    SECURITY_KEY("with a security key"),
    /** A passkey alone: it verifies the user, so it counts as multi-factor. */
    PASSKEY("with a passkey"),
    /** The company's identity provider, without a multi-factor sign-in the portal trusts (the user has no factor). */
    IDENTITY_PROVIDER("through the company's identity provider"),
    /** The company's identity provider, whose trusted multi-factor sign-in replaced the portal's second factor. */
    IDENTITY_PROVIDER_MFA("through the company's identity provider with its multi-factor sign-in");

    private final String auditDetail;

    SignInMethod(String auditDetail) {
        this.auditDetail = auditDetail;
    }

    public String auditDetail() {
        return auditDetail;
    }

    static SignInMethod of(SecondFactorResult.SecondFactorKind factor) {
        return switch (factor) {
            case TOTP -> TOTP;
            case RECOVERY_CODE -> RECOVERY_CODE;
            case SECURITY_KEY -> SECURITY_KEY;
        };
    }

    /** The method a {@code SIGN_IN_COMPLETED} detail names; empty for details written before methods were recorded. */
    public static Optional<SignInMethod> ofAuditDetail(String detail) {
        return Arrays.stream(values()).filter(method -> method.auditDetail.equals(detail)).findFirst();
    }
}
