package org.mfaportal.mfa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseId;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Per user, while this request renders its response: the composite's {@code ui:param} is an alias, so every
     * reference to the status in the page asks again (about 25 times per rendered page, each a query of the factors
     * and a count of recovery codes). Only the render phase keeps answers: an action of the same request (a factor
     * removed) runs before it, so what is rendered is what the action left.
     */
    private final Map<Long, View> rendered = new HashMap<>();

    public View of(UserAccount user) {
        if (user == null) {
            return new View(false, false, 0, 0, 0);
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null || faces.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE) {
            rendered.clear();
            return load(user);
        }
        return rendered.computeIfAbsent(user.getId(), id -> load(user));
    }

    private View load(UserAccount user) {
        List<Authenticator> factors = mfa.authenticators(user);
        long passkeys = factors.stream().filter(Authenticator::isPasskey).count();
        long keys = factors.stream().filter(f -> f.getType() == AuthenticatorType.WEBAUTHN).count() - passkeys;
        boolean app = factors.stream().anyMatch(f -> f.getType() == AuthenticatorType.TOTP);
        return new View(!factors.isEmpty(), app, (int) keys, (int) passkeys, recoveryCodes.unusedRecoveryCodes(user));
    }
}
