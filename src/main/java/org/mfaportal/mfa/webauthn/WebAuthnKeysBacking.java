package org.mfaportal.mfa.webauthn;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mfaportal.account.UserAccount;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.policy.EffectivePolicy;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.mfa.recovery.RecoveryCodesDownload;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;
import org.primefaces.model.StreamedContent;

/** The security-keys page: the user's keys, rename and remove; adding runs in the browser (webauthn.js). */
@Named
@ViewScoped
public class WebAuthnKeysBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A key as the page lists it. */
    /** @param notCounting why the key does not count for the user's policy (a message key); null when it counts */
    public record KeyRow(long id, String name, boolean passkey, java.time.Instant createdAt, java.time.Instant lastUsedAt, String notCounting)
            implements Serializable {
    }

    @Inject
    MfaService mfa;

    @Inject
    WebAuthnService webAuthn;

    @Inject
    FreshRecoveryCodes freshRecoveryCodes;

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

    private List<KeyRow> keys;
    private boolean securityKeyAllowed;
    private boolean passkeyAllowed;
    private final Map<Long, String> newNames = new HashMap<>();
    private List<String> newRecoveryCodes = List.of();

    @PostConstruct
    void load() {
        EffectivePolicy policy = policies.effectiveFor(user());
        keys = mfa.authenticators(user(), AuthenticatorType.WEBAUTHN).stream()
                .map(key -> new KeyRow(key.getId(), key.getName(), key.isPasskey(), key.getCreatedAt(), key.getLastUsedAt(),
                        policy.whyNotAccepted(key.asEnrolledFactor()).orElse(null)))
                .toList();
        securityKeyAllowed = policy.allows(FactorKind.SECURITY_KEY);
        passkeyAllowed = policy.allows(FactorKind.PASSKEY);
        newNames.clear();
        keys.forEach(key -> newNames.put(key.id(), key.name()));
        if (newRecoveryCodes.isEmpty()) {
            newRecoveryCodes = freshRecoveryCodes.take();
        }
    }

    public void rename(long id) throws IOException {
        if (!reauthentication.requireRecent()) {
            return;
        }
        try {
            webAuthn.rename(user(), id, newNames.get(id));
            messages.info(null, "webauthn.renamed");
        } catch (WebAuthnRefusal refusal) {
            messages.error(null, refusal.reason().messageKey());
        }
        load();
    }

    public void remove(long id) throws IOException {
        if (!reauthentication.requireRecent()) {
            return;
        }
        if (mfa.removeAuthenticator(user(), id)) {
            messages.info(null, "webauthn.removed");
        }
        load();
    }

    public StreamedContent getRecoveryCodesFile() {
        return RecoveryCodesDownload.of(config.totpIssuer(), user().getUsername(), newRecoveryCodes);
    }

    /** The name offered for a new key; users may change it before adding. */
    public String getSuggestedName() {
        String base = messages.text("webauthn.add.default-name");
        return keys.isEmpty() ? base : base + " " + (keys.size() + 1);
    }

    public int getMaxNameLength() {
        return Authenticator.MAX_NAME_LENGTH;
    }

    private UserAccount user() {
        return currentUser.account().orElseThrow();
    }

    /** The user's policy lets them add a plain security key. */
    public boolean isSecurityKeyAllowed() {
        return securityKeyAllowed;
    }

    /** The user's policy lets them add a passkey. */
    public boolean isPasskeyAllowed() {
        return passkeyAllowed;
    }

    public List<KeyRow> getKeys() {
        return keys;
    }

    public Map<Long, String> getNewNames() {
        return newNames;
    }

    public List<String> getNewRecoveryCodes() {
        return newRecoveryCodes;
    }
}
