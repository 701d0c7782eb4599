package org.mfaportal.auth;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.auth.SecondFactorResult.SecondFactorKind;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.mfa.totp.TotpService;
import org.mfaportal.policy.FactorKind;

/** A typed code, whichever kind it is: an authenticator-app code or a recovery code. */
@Stateless
public class OneTimeCodeVerifier {

    /** Longer input cannot be any code: refused before any work is done. */
    static final int MAX_CODE_LENGTH = 64;

    @Inject
    TotpService totp;

    @Inject
    RecoveryCodeService recoveryCodes;

    /**
     * Which kind of code this is meant to be: digits only (up to 8, spaces ignored) are an authenticator-app code,
     * anything else a recovery code; empty for no input or input too long to be any code.
     */
    public static Optional<FactorKind> kindOf(String code) {
        if (code == null || code.length() > MAX_CODE_LENGTH) {
            return Optional.empty();
        }
        String compact = compact(code);
        return Optional.of(compact.length() <= 8 && compact.chars().allMatch(c -> c >= '0' && c <= '9') ? FactorKind.TOTP : FactorKind.RECOVERY_CODE);
    }

    public Optional<SecondFactorKind> verify(UserAccount user, String code) {
        Optional<FactorKind> kind = kindOf(code);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        if (kind.get() == FactorKind.TOTP) {
            return totp.verify(user, compact(code)) ? Optional.of(SecondFactorKind.TOTP) : Optional.empty();
        }
        return recoveryCodes.redeemRecoveryCode(user, code) ? Optional.of(SecondFactorKind.RECOVERY_CODE) : Optional.empty();
    }

    private static String compact(String code) {
        return code.replaceAll("[ \\t]", "");
    }
}
