package org.mfaportal.account;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.auth.UserAgentSummary;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** The security overview: how the account is protected, in one page. */
@Named
@ViewScoped
public class SecurityOverviewBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How much recent activity the page shows. */
    static final int RECENT_EVENTS = 20;

    /** One factor as a row: its kind, name, dates, and the page that manages it. */
    public record FactorRow(String kind, String name, Instant createdAt, Instant lastUsedAt, String managePath) implements Serializable {
    }

    /** A browser that skips the second factor. */
    public record TrustedBrowserRow(long id, String browser, Instant createdAt, Instant expiresAt, Instant lastSeenAt) implements Serializable {
    }

    /** One security event of the account. */
    public record ActivityRow(Instant at, String what, String ipAddress, String detail) implements Serializable {
    }

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    AuditService audit;

    @Inject
    CurrentUser currentUser;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    Reauthentication reauthentication;

    @Inject
    Messages messages;

    private List<FactorRow> factors;
    private int recoveryCodesLeft;
    private boolean hasRecoveryCodes;
    private List<ActivityRow> activity;
    private List<TrustedBrowserRow> trusted;

    @PostConstruct
    void load() {
        UserAccount user = currentUser.account().orElseThrow();
        factors = mfa.authenticators(user).stream()
                .map(factor -> new FactorRow(
                        messages.text(factor.getType() == AuthenticatorType.TOTP ? "overview.kind.app"
                                : factor.isPasskey() ? "webauthn.kind.passkey" : "webauthn.kind.key"),
                        factor.getName(), factor.getCreatedAt(), factor.getLastUsedAt(),
                        factor.getType() == AuthenticatorType.TOTP ? "/account/security/totp" : "/account/security/webauthn"))
                .toList();
        hasRecoveryCodes = recoveryCodes.hasRecoveryCodes(user);
        recoveryCodesLeft = recoveryCodes.unusedRecoveryCodes(user);
        trusted = trustedBrowsers.trustedBrowsers(user).stream()
                .map(browser -> new TrustedBrowserRow(browser.getId(), UserAgentSummary.describe(browser.getUserAgent()),
                        browser.getCreatedAt(), browser.getExpiresAt(), browser.getLastSeenAt()))
                .toList();
        activity = audit.recentOwnActivity(user.getUsername(), RECENT_EVENTS).stream()
                .map(event -> new ActivityRow(event.getOccurredAt(), messages.text("audit.type." + event.getType().name()),
                        event.getIpAddress(), event.getDetail()))
                .toList();
    }

    public void revokeTrust(long id) throws IOException {
        if (reauthentication.requireRecent()) {
            trustedBrowsers.revoke(currentUser.account().orElseThrow(), id);
            messages.info(null, "trust.revoked");
            load();
        }
    }

    public void revokeAllTrust() throws IOException {
        if (reauthentication.requireRecent()) {
            trustedBrowsers.revokeAll(currentUser.account().orElseThrow(), "revoked by the user");
            messages.info(null, "trust.revoked");
            load();
        }
    }

    public List<TrustedBrowserRow> getTrustedBrowsers() {
        return trusted;
    }

    public List<FactorRow> getFactors() {
        return factors;
    }

    public boolean isMfaEnabled() {
        return !factors.isEmpty();
    }

    public boolean isHasRecoveryCodes() {
        return hasRecoveryCodes;
    }

    public int getRecoveryCodesLeft() {
        return recoveryCodesLeft;
    }

    public boolean isFewRecoveryCodesLeft() {
        return hasRecoveryCodes && recoveryCodesLeft <= RecoveryCodeService.FEW_LEFT;
    }

    public List<ActivityRow> getActivity() {
        return activity;
    }
}
