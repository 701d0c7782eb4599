package org.mfaportal.account;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mfaportal.account.AccountToken.Purpose;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.notify.SecurityNotice;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.web.Dates;
import org.mfaportal.web.Messages;
import org.mfaportal.web.PublicUrl;

/**
 * Invitations: an admin-created account gets a single-use link ({@code /invitation?token=}, valid
 * {@code mfa.invitation.validity}) where the user chooses the password. A newer link, a cancellation, disabling the
 * account or using the link once ends it.
 */
@Stateless
public class InvitationService {

    static final String PAGE = "/invitation";

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountTokenService tokens;

    @Inject
    PublicUrl publicUrl;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    PolicyService policies;

    @Inject
    AuditService audit;

    @Inject
    Event<SecurityNotice> notices;

    @Inject
    Dates dates;

    @Resource
    SessionContext context;

    /** A pending invitation: when its link was sent and until when it works. */
    public record Pending(Instant sentAt, Instant expiresAt) implements java.io.Serializable {
    }

    /** What became of an attempt to accept an invitation. */
    public sealed interface Acceptance {
    }

    /** The password is set; the user signs in next. */
    public record Accepted(String username) implements Acceptance {
    }

    /** The password was refused (the reason goes next to the field); the link still works. */
    public record PasswordRefused(PasswordPolicy.Refusal refusal) implements Acceptance {
    }

    /** Unknown, used, expired, replaced or cancelled link, or the account was disabled meanwhile. */
    public record InvalidLink() implements Acceptance {
    }

    /**
     * Issues a new link (the previous one stops working) and mails it once the transaction commits.
     *
     * @return false, with nothing issued, when no absolute link can be built ({@code mfa.public-url} not set)
     */
    public boolean send(UserAccount user, String admin, boolean again) {
        if (publicUrl.of(PAGE, Map.of()).isEmpty()) {
            return false;
        }
        String token = tokens.issue(user, Purpose.INVITATION, admin);
        String link = publicUrl.of(PAGE, Map.of("token", token)).orElseThrow();
        Instant until = tokens.openUntil(user, Purpose.INVITATION).orElseThrow();
        audit.record(again ? AuditEventType.INVITATION_RESENT : AuditEventType.INVITATION_SENT, admin, user.getUsername(),
                "valid until " + until);
        notices.fire(SecurityNotice.byAdmin(user, SecurityNotice.Kind.INVITATION,
                Messages.text(Locale.ENGLISH, "mail.invitation.link", link, dates.format(until)), admin));
        return true;
    }

    public Optional<Pending> pending(UserAccount user) {
        return tokens.openUntil(user, Purpose.INVITATION)
                .map(until -> new Pending(until.minus(tokens.validity(Purpose.INVITATION)), until));
    }

    /** Ends the open invitation, if any; audited when there was one. */
    public void cancel(UserAccount user, String admin) {
        if (tokens.cancelOpen(user, Purpose.INVITATION) > 0) {
            audit.record(AuditEventType.INVITATION_CANCELLED, admin, user.getUsername(), null);
        }
    }

    /** Who a link invites, without using it: to greet them on the page. Empty for any link that would not work. */
    public Optional<UserAccount> invitee(String token) {
        return tokens.check(token, Purpose.INVITATION).filter(InvitationService::invitable);
    }

    private static boolean invitable(UserAccount user) {
        return user.isEnabled() && user.isAwaitingInvitation();
    }

    /**
     * Sets the invited user's password and uses the link, exactly once even when it is submitted twice at the same time.
     * An invitee whose policy requires MFA must enrol a factor at the first sign-in, before anything else: a grace period
     * is for users who existed before the requirement.
     */
    public Acceptance accept(String token, char[] password) {
        Optional<UserAccount> invitee = invitee(token);
        if (invitee.isEmpty()) {
            return new InvalidLink();
        }
        Optional<PasswordPolicy.Refusal> refusal = passwordPolicy.check(java.nio.CharBuffer.wrap(password), invitee.get().getUsername(),
                invitee.get().getEmail());
        if (refusal.isPresent()) {
            return new PasswordRefused(refusal.get());
        }
        // the slow hash before the redemption: the token's row stays locked only briefly when the link is submitted twice
        String hash = passwordHasher.hash(password);
        Optional<UserAccount> redeemed = tokens.redeem(token, Purpose.INVITATION);
        if (redeemed.isEmpty()) {
            return new InvalidLink();
        }
        UserAccount user = em.find(UserAccount.class, redeemed.get().getId());
        em.refresh(user);
        if (!invitable(user)) {
            // disabled or given a password meanwhile: the link stays as it was
            context.setRollbackOnly();
            return new InvalidLink();
        }
        user.replacePasswordHash(hash);
        if (policies.stateOf(user).mustEnrol()) {
            user.requireFactorEnrolment();
        }
        audit.recordOwn(AuditEventType.INVITATION_ACCEPTED, user.getUsername());
        return new Accepted(user.getUsername());
    }
}
