package org.mfaportal.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mfaportal.account.InvitationService;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEvent;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.LiveSession;
import org.mfaportal.auth.LiveSessionService;
import org.mfaportal.auth.TrustedBrowser;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.auth.UserAgentSummary;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.mfa.webauthn.AuthenticatorModels;
import org.mfaportal.policy.EffectivePolicy;
import org.mfaportal.policy.EnrolmentState;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.web.Dates;
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

    @Inject
    Clock clock;

    @Inject
    PolicyService policies;

    @Inject
    AuthenticatorModels keyModels;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    Dates dates;

    @Inject
    LiveSessionService liveSessions;

    private Long id;
    private UserAccount user;
    private EffectivePolicy policy;
    private EnrolmentState state;
    private LocalDate exemptUntil;
    private String exemptReason;
    private List<String> groups = new ArrayList<>();
    private String otherGroups;
    private List<String> knownGroups = List.of();
    private InvitationService.Pending invitation;

    /** View action: an unknown id is a 404-like message, not an error. */
    public void load() {
        user = id == null ? null : admin.user(id).orElse(null);
        policy = user == null ? null : policies.effectiveFor(user);
        state = user == null ? null : policies.stateOf(user);
        groups = user == null ? new ArrayList<>() : new ArrayList<>(user.getGroups());
        otherGroups = null;
        knownGroups = admin.knownGroups();
        invitation = user == null ? null : admin.pendingInvitation(user).orElse(null);
    }

    /** The account has no password yet: an invitation is pending, expired or was cancelled. */
    public boolean isAwaitingPassword() {
        return user != null && user.isAwaitingInvitation();
    }

    public boolean isInvitationPending() {
        return invitation != null;
    }

    public Instant getInvitationSentAt() {
        return invitation == null ? null : invitation.sentAt();
    }

    public Instant getInvitationExpiresAt() {
        return invitation == null ? null : invitation.expiresAt();
    }

    public void resendInvitation() {
        try {
            if (admin.resendInvitation(user, currentUser.getUsername())) {
                messages.info(null, "admin.user.invitation.resent");
            } else {
                messages.warn(null, "admin.user.invitation.no-link");
            }
        } catch (AccountChangeRefused refused) {
            messages.error(null, refused.messageKey());
        }
        load();
    }

    public void cancelInvitation() {
        admin.cancelInvitation(user, currentUser.getUsername());
        messages.info(null, "admin.user.invitation.cancelled");
        load();
    }

    public void disable() {
        try {
            admin.disable(user, currentUser.getUsername());
            messages.info(null, "admin.user.disabled-done");
        } catch (AccountChangeRefused refused) {
            messages.error(null, refused.messageKey());
        }
        load();
    }

    public void enable() {
        admin.enable(user, currentUser.getUsername());
        messages.info(null, "admin.user.enabled-done");
        load();
    }

    /** The picked known groups plus the typed ones. */
    public void saveGroups() {
        try {
            admin.changeGroups(user, GroupInput.combine(groups, otherGroups), currentUser.getUsername());
            messages.info(null, "admin.user.groups.saved");
        } catch (AccountChangeRefused refused) {
            messages.error("groups:otherGroups", refused.messageKey());
            return;
        }
        load();
    }

    public List<String> getGroups() {
        return groups;
    }

    public void setGroups(List<String> groups) {
        this.groups = groups == null ? new ArrayList<>() : new ArrayList<>(groups);
    }

    public String getOtherGroups() {
        return otherGroups;
    }

    public void setOtherGroups(String otherGroups) {
        this.otherGroups = otherGroups;
    }

    /** What the admin picks from: every known group and the user's own. */
    public List<String> getKnownGroups() {
        return knownGroups;
    }

    public void removeFactor(long authenticatorId) {
        if (admin.removeFactor(user, authenticatorId, currentUser.getUsername())) {
            messages.info(null, "admin.user.factor-removed");
        }
        load();
    }

    /** The exemption ends at the start of the chosen day (UTC). */
    public void exempt() {
        Instant until = exemptUntil == null ? null : exemptUntil.atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            admin.exempt(user, until, exemptReason, currentUser.getUsername());
        } catch (InvalidExemptionException invalid) {
            messages.error(null, "admin.user.exempt.invalid");
            return;
        }
        messages.info(null, "admin.user.exempt.done", dates.format(until));
        exemptUntil = null;
        exemptReason = null;
        load();
    }

    public void endExemption() {
        admin.endExemption(user, currentUser.getUsername());
        messages.info(null, "admin.user.exempt.ended");
        load();
    }

    public EffectivePolicy getPolicy() {
        return policy;
    }

    public EnrolmentState getState() {
        return state;
    }

    /** Whether an exemption is in force now (an expired one is only history). */
    public boolean isExempt() {
        return user != null && user.isExemptAt(clock.instant());
    }

    public int getRecoveryCodesLeft() {
        return user == null ? 0 : recoveryCodes.unusedRecoveryCodes(user);
    }

    /** The earliest day an exemption may end: tomorrow. */
    public LocalDate getTomorrow() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
    }

    public LocalDate getExemptUntil() {
        return exemptUntil;
    }

    public void setExemptUntil(LocalDate exemptUntil) {
        this.exemptUntil = exemptUntil;
    }

    public String getExemptReason() {
        return exemptReason;
    }

    public void setExemptReason(String exemptReason) {
        this.exemptReason = exemptReason;
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
        messages.info(null, "admin.user.browsers-revoked");
        load();
    }

    public void endSession(long liveSessionId) {
        if (liveSessions.end(user, liveSessionId, currentUser.getUsername())) {
            messages.info(null, "admin.user.session-ended");
        }
        load();
    }

    public void endAllSessions() {
        liveSessions.endAllBut(user, null, currentUser.getUsername(), "ended by an admin");
        messages.info(null, "admin.user.sessions-ended");
        load();
    }

    public List<LiveSession> getSessions() {
        return user == null ? List.of() : liveSessions.sessionsOf(user);
    }

    public String browserOf(LiveSession session) {
        return UserAgentSummary.describe(session.getUserAgent());
    }

    /** The user's groups as a person reads them: "engineering, sales". */
    public String getGroupNames() {
        return user == null ? "" : String.join(", ", user.getGroups());
    }

    public UserAccount getUser() {
        return user;
    }

    /** The models the user's keys may be, in words: "any model", or their names. */
    public String getAllowedModels() {
        if (policy == null || !policy.keys().restrictsModels()) {
            return messages.text("admin.policies.models.any");
        }
        if (policy.keys().allowedModels().isEmpty()) {
            return messages.text("admin.user.policy.models.none-in-common");
        }
        return policy.keys().allowedModels().stream().sorted().map(keyModels::describe).collect(java.util.stream.Collectors.joining(", "));
    }

    /** A key's model in words: its name from the metadata, else its AAGUID; empty for apps. */
    public String modelOf(Authenticator factor) {
        return factor.getWebAuthnCredential() == null ? "" : keyModels.describe(factor.getWebAuthnCredential().aaguid());
    }

    /** Whether the factor counts for the user's policies now, in words. */
    public String countsOf(Authenticator factor) {
        return policy == null ? "" : policy.whyNotAccepted(factor.asEnrolledFactor()).map(messages::text).orElseGet(() -> messages.text("confirm.yes"));
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
