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
     * Per user, for the phases of this request that cannot have changed anything: the composite's {@code ui:param} is
     * an alias, so every reference to the status asks again (about 25 times per rendered page, and on a postback of
     * the page again in each phase that visits the components; each a query of the factors and a count of recovery
     * codes). What was seen before the action (which may remove a factor) is forgotten when the page renders, and
     * nothing is kept while the action runs.
     */
    private final Map<Long, View> seen = new HashMap<>();

    private boolean seenBeforeAction;

    public View of(UserAccount user) {
        if (user == null) {
            return new View(false, false, 0, 0, 0);
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        PhaseId phase = faces == null ? null : faces.getCurrentPhaseId();
        if (phase == null || phase == PhaseId.INVOKE_APPLICATION) {
            seen.clear();
            return load(user);
        }
        boolean beforeAction = phase.getOrdinal() < PhaseId.INVOKE_APPLICATION.getOrdinal();
        if (beforeAction != seenBeforeAction) {
            seen.clear();
            seenBeforeAction = beforeAction;
        }
        return seen.computeIfAbsent(user.getId(), id -> load(user));
    }

    private View load(UserAccount user) {
        List<Authenticator> factors = mfa.authenticators(user);
        long passkeys = factors.stream().filter(Authenticator::isPasskey).count();
        long keys = factors.stream().filter(f -> f.getType() == AuthenticatorType.WEBAUTHN).count() - passkeys;
        boolean app = factors.stream().anyMatch(f -> f.getType() == AuthenticatorType.TOTP);
        return new View(!factors.isEmpty(), app, (int) keys, (int) passkeys, recoveryCodes.unusedRecoveryCodes(user));
    }
}
