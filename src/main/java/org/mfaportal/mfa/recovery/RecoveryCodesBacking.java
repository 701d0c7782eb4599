package org.mfaportal.mfa.recovery;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.mfaportal.account.UserAccount;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.mfa.FactorNotAllowedException;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;
import org.primefaces.model.StreamedContent;

/** The recovery-codes page: how many are left; a new set, shown once. */
@Named
@ViewScoped
public class RecoveryCodesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    MfaService mfa;

    @Inject
    CurrentUser currentUser;

    @Inject
    Reauthentication reauthentication;

    @Inject
    Messages messages;

    @Inject
    PortalConfig config;

    @Inject
    PolicyService policies;

    private boolean mfaEnabled;
    private boolean allowed;
    private int unusedCount;
    private List<String> newRecoveryCodes = List.of();

    @PostConstruct
    void load() {
        UserAccount user = user();
        mfaEnabled = mfa.isMfaEnabled(user);
        unusedCount = recoveryCodes.unusedRecoveryCodes(user);
        allowed = policies.allows(user, FactorKind.RECOVERY_CODE);
    }

    public void regenerate() throws IOException {
        if (!reauthentication.requireRecent()) {
            return;
        }
        if (!mfaEnabled) {
            return;
        }
        try {
            newRecoveryCodes = recoveryCodes.regenerateRecoveryCodes(user());
        } catch (FactorNotAllowedException notAllowed) {
            messages.error(null, "policy.factor-not-allowed", messages.text(notAllowed.kind().messageKey()));
        }
        load();
        messages.info(null, "recovery.regenerated");
    }

    public StreamedContent getRecoveryCodesFile() {
        return RecoveryCodesDownload.of(config.totpIssuer(), user().getUsername(), newRecoveryCodes);
    }

    private UserAccount user() {
        return currentUser.account().orElseThrow();
    }

    /** The user's policy allows recovery codes. */
    public boolean isAllowed() {
        return allowed;
    }

    public boolean isMfaEnabled() {
        return mfaEnabled;
    }

    public int getUnusedCount() {
        return unusedCount;
    }

    public boolean isFewLeft() {
        return unusedCount <= RecoveryCodeService.FEW_LEFT;
    }

    public List<String> getNewRecoveryCodes() {
        return newRecoveryCodes;
    }
}
