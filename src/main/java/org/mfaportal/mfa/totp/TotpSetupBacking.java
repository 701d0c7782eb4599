package org.mfaportal.mfa.totp;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.FactorSummary;
import org.mfaportal.mfa.FactorNotAllowedException;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.mfa.recovery.RecoveryCodesDownload;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;
import org.primefaces.model.StreamedContent;

/** The authenticator-app page: set one up by QR code, or see and remove the one in use. */
@Named
@ViewScoped
public class TotpSetupBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TotpService totpService;

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

    private FactorSummary app;
    private boolean allowed;
    private TotpEnrolment enrolment;
    private String code;
    private List<String> newRecoveryCodes = List.of();

    @PostConstruct
    void load() {
        UserAccount user = user();
        app = mfa.authenticators(user, AuthenticatorType.TOTP).stream().findFirst().map(FactorSummary::of).orElse(null);
        allowed = policies.allows(user, FactorKind.TOTP);
        if (app == null && allowed) {
            enrolment = totpService.startEnrolment(user);
        }
    }

    public void confirm() throws IOException {
        if (!reauthentication.requireRecent()) {
            return;
        }
        Optional<List<String>> recoveryCodes;
        try {
            recoveryCodes = totpService.confirmEnrolment(user(), enrolment, code);
        } catch (FactorNotAllowedException notAllowed) {
            messages.error(null, "policy.factor-not-allowed", messages.text(notAllowed.kind().messageKey()));
            load();
            return;
        } finally {
            code = null;
        }
        if (recoveryCodes.isEmpty()) {
            messages.error("totp:code", "totp.setup.wrong-code");
            return;
        }
        newRecoveryCodes = recoveryCodes.get();
        enrolment = null;
        load();
        messages.info(null, "totp.setup.done");
    }

    public void remove() throws IOException {
        if (!reauthentication.requireRecent()) {
            return;
        }
        if (app != null && mfa.removeAuthenticator(user(), app.id())) {
            messages.info(null, "totp.removed");
        }
        newRecoveryCodes = List.of();
        load();
    }

    public StreamedContent getRecoveryCodesFile() {
        return RecoveryCodesDownload.of(config.totpIssuer(), user().getUsername(), newRecoveryCodes);
    }

    private UserAccount user() {
        return currentUser.account().orElseThrow();
    }

    /** Whether the user's policy lets them set up an authenticator app. */
    public boolean isAllowed() {
        return allowed;
    }

    public boolean isEnrolled() {
        return app != null;
    }

    public FactorSummary getApp() {
        return app;
    }

    public TotpEnrolment getEnrolment() {
        return enrolment;
    }

    public List<String> getNewRecoveryCodes() {
        return newRecoveryCodes;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
