package org.mfaportal.mfa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.mfaportal.account.UserAccount;
import org.mfaportal.mfa.recovery.RecoveryCodeService;

/**
 * A user's MFA status as pages show it, for the {@code <mfa:status>} composite component (the counterpart of
 * django-allauth's {@code is_mfa_enabled} template filter).
 */
@Named
@RequestScoped
public class MfaStatus {

    /** Enabled or not, and which kinds of factor: app, security key, passkey. */
    public record View(boolean enabled, boolean authenticatorApp, int securityKeys, int passkeys, int recoveryCodesLeft) {
    }

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    public View of(UserAccount user) {
        if (user == null) {
            return new View(false, false, 0, 0, 0);
        }
        List<Authenticator> factors = mfa.authenticators(user);
        long passkeys = factors.stream().filter(Authenticator::isPasskey).count();
        long keys = factors.stream().filter(f -> f.getType() == AuthenticatorType.WEBAUTHN).count() - passkeys;
        boolean app = factors.stream().anyMatch(f -> f.getType() == AuthenticatorType.TOTP);
        return new View(!factors.isEmpty(), app, (int) keys, (int) passkeys, recoveryCodes.unusedRecoveryCodes(user));
    }
}
