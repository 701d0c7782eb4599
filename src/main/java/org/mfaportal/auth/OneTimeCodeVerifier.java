package org.mfaportal.auth;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.auth.SecondFactorResult.SecondFactorKind;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.mfa.totp.TotpService;

/** A typed code, whichever kind it is: an authenticator-app code or a recovery code. */
@Stateless
public class OneTimeCodeVerifier {

    /** Longer input cannot be any code: refused before any work is done. */
    static final int MAX_CODE_LENGTH = 64;

    @Inject
    TotpService totp;

    @Inject
    RecoveryCodeService recoveryCodes;

    /** Digits only (up to 8, spaces ignored) are an authenticator-app code; anything else is tried as a recovery code. */
    public Optional<SecondFactorKind> verify(UserAccount user, String code) {
        if (code == null || code.length() > MAX_CODE_LENGTH) {
            return Optional.empty();
        }
        String compact = code.replaceAll("[ \\t]", "");
        if (compact.length() <= 8 && compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return totp.verify(user, compact) ? Optional.of(SecondFactorKind.TOTP) : Optional.empty();
        }
        return recoveryCodes.redeemRecoveryCode(user, code) ? Optional.of(SecondFactorKind.RECOVERY_CODE) : Optional.empty();
    }
}
