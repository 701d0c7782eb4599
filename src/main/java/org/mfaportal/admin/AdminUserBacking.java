package org.mfaportal.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEvent;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.TrustedBrowser;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** One user's page for admins: status, factors (never secrets), trusted browsers, recent events, and the actions. */
@Named
@ViewScoped
public class AdminUserBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AdminUserService admin;

    @Inject
    MfaService mfa;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    AuditService audit;

    @Inject
    CurrentUser currentUser;

    @Inject
    Messages messages;

    private Long id;
    private UserAccount user;

    /** View action: an unknown id is a 404-like message, not an error. */
    public void load() {
        user = id == null ? null : admin.user(id).orElse(null);
    }

    public void unlock() {
        admin.unlock(user, currentUser.getUsername());
        messages.info(null, "admin.user.unlocked");
        load();
    }

    public void resetMfa() {
        admin.resetMfa(user, currentUser.getUsername());
        messages.info(null, "admin.user.reset-done");
        load();
    }

    public void revokeTrustedBrowsers() {
        admin.revokeTrustedBrowsers(user, currentUser.getUsername());
        messages.info(null, "trust.revoked");
        load();
    }

    public UserAccount getUser() {
        return user;
    }

    public List<Authenticator> getFactors() {
        return user == null ? List.of() : mfa.authenticators(user);
    }

    public List<TrustedBrowser> getTrustedBrowsers() {
        return user == null ? List.of() : trustedBrowsers.trustedBrowsers(user);
    }

    public List<AuditEvent> getRecentEvents() {
        return user == null ? List.of() : audit.recentForUser(user.getUsername(), 20);
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }
}
