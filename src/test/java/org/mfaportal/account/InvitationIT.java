package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.AccountToken.Purpose;
import org.mfaportal.account.InvitationService.Acceptance;
import org.mfaportal.admin.AdminUserService;
import org.mfaportal.admin.NewUser;
import org.mfaportal.audit.AuditEvent;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyRule;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.testing.Concurrently;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;
import org.mfaportal.testing.TestClock;

/** Invitation links against the real database, with the clock moved by the test: single use, expiry, resend, cancel, disable, races. */
@ExtendWith(ArquillianExtension.class)
class InvitationIT {

    private static final String ADMIN = TestAccounts.ADMIN.username();
    private static final String GOOD_PASSWORD = "a passphrase nobody guesses 7";

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(InvitationIT.class, Concurrently.class);
    }

    @Inject
    InvitationService invitations;

    @Inject
    AccountTokenService tokens;

    @Inject
    AdminUserService admin;

    @Inject
    UserAccountService accounts;

    @Inject
    PolicyService policies;

    @Inject
    AuditService audit;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private UserAccount invitee(Set<String> groups) {
        String username = "invitee-" + UUID.randomUUID().toString().substring(0, 8);
        return admin.createUser(new NewUser(username, "Ivo Invitee", username + "@example.test", groups), ADMIN).user();
    }

    /** A link of the invitee's own, as the mail carries it (the mail itself is the browser test's business). */
    private String linkToken(UserAccount user) {
        return tokens.issue(user, Purpose.INVITATION, ADMIN);
    }

    private List<AuditEventType> audited(UserAccount user) {
        return audit.recentForUser(user.getUsername(), 20).stream().map(AuditEvent::getType).toList();
    }

    @Test
    void theLinkSetsThePasswordExactlyOnce() {
        UserAccount user = invitee(Set.of());
        String token = linkToken(user);
        assertEquals(user.getId(), invitations.invitee(token).orElseThrow().getId());

        Acceptance refused = invitations.accept(token, "short".toCharArray());
        assertInstanceOf(InvitationService.PasswordRefused.class, refused);
        assertEquals(PasswordPolicy.Reason.TOO_SHORT, ((InvitationService.PasswordRefused) refused).refusal().reason());
        assertTrue(invitations.invitee(token).isPresent(), "a refused password leaves the link working");
        assertInstanceOf(InvitationService.PasswordRefused.class, invitations.accept(token, (user.getUsername() + "-secret!").toCharArray()),
                "not the username");

        assertInstanceOf(InvitationService.Accepted.class, invitations.accept(token, GOOD_PASSWORD.toCharArray()));

        assertTrue(accounts.authenticate(user.getUsername(), GOOD_PASSWORD.toCharArray()).isPresent());
        assertInstanceOf(InvitationService.InvalidLink.class, invitations.accept(token, "another passphrase nobody guesses".toCharArray()));
        assertTrue(invitations.invitee(token).isEmpty());
        assertTrue(accounts.authenticate(user.getUsername(), GOOD_PASSWORD.toCharArray()).isPresent(), "the reused link changed nothing");
        assertTrue(audited(user).containsAll(List.of(AuditEventType.USER_CREATED, AuditEventType.INVITATION_SENT, AuditEventType.INVITATION_ACCEPTED)));
    }

    @Test
    void twoSimultaneousAcceptancesOfOneLinkHaveOneWinner() throws Exception {
        UserAccount user = invitee(Set.of());
        String token = linkToken(user);

        List<Acceptance> results = Concurrently.run(6, () -> invitations.accept(token, GOOD_PASSWORD.toCharArray()));

        assertEquals(1, results.stream().filter(InvitationService.Accepted.class::isInstance).count(), results.toString());
        assertEquals(5, results.stream().filter(InvitationService.InvalidLink.class::isInstance).count(), results.toString());
    }

    @Test
    void theLinkExpiresAfterTheConfiguredValidity() {
        UserAccount user = invitee(Set.of());
        String token = linkToken(user);

        clock.advance(Duration.ofHours(72).plusMinutes(1));

        assertTrue(invitations.invitee(token).isEmpty());
        assertInstanceOf(InvitationService.InvalidLink.class, invitations.accept(token, GOOD_PASSWORD.toCharArray()));
        assertTrue(admin.pendingInvitation(user).isEmpty(), "the admin page shows it as expired");
        assertFalse(accounts.findByUsername(user.getUsername()).orElseThrow().hasLocalPassword());
    }

    @Test
    void aResentInvitationReplacesTheOldLink() {
        UserAccount user = invitee(Set.of());
        String old = linkToken(user);

        assertTrue(admin.resendInvitation(user, ADMIN), "mfa.public-url is set on the test server");

        assertTrue(invitations.invitee(old).isEmpty());
        InvitationService.Pending pending = admin.pendingInvitation(user).orElseThrow();
        assertEquals(Duration.ofHours(72), Duration.between(pending.sentAt(), pending.expiresAt()));
        assertTrue(audited(user).contains(AuditEventType.INVITATION_RESENT));
    }

    @Test
    void cancellingOrDisablingEndsTheLink() {
        UserAccount cancelled = invitee(Set.of());
        String cancelledToken = linkToken(cancelled);
        UserAccount disabled = invitee(Set.of());
        String disabledToken = linkToken(disabled);

        admin.cancelInvitation(cancelled, ADMIN);
        admin.disable(disabled, ADMIN);

        assertInstanceOf(InvitationService.InvalidLink.class, invitations.accept(cancelledToken, GOOD_PASSWORD.toCharArray()));
        assertTrue(admin.pendingInvitation(cancelled).isEmpty());
        assertTrue(audited(cancelled).contains(AuditEventType.INVITATION_CANCELLED));
        admin.enable(disabled, ADMIN);
        assertInstanceOf(InvitationService.InvalidLink.class, invitations.accept(disabledToken, GOOD_PASSWORD.toCharArray()),
                "enabling the account again does not revive the link");
    }

    @Test
    void anInviteeWhosePolicyRequiresMfaMustEnrolAtTheFirstSignInWhateverTheGracePeriod() {
        String group = "invited-" + UUID.randomUUID().toString().substring(0, 8);
        policies.save(new PolicyRule(group, true, 14, 30, EnumSet.allOf(FactorKind.class), 10), ADMIN);
        UserAccount required = invitee(Set.of(group));
        UserAccount free = invitee(Set.of("not-" + group));

        invitations.accept(linkToken(required), GOOD_PASSWORD.toCharArray());
        invitations.accept(linkToken(free), GOOD_PASSWORD.toCharArray());

        UserAccount requiredNow = accounts.findByUsername(required.getUsername()).orElseThrow();
        assertTrue(requiredNow.isMustEnrolFactor());
        assertTrue(policies.restrictedToEnrolment(requiredNow), "enrolment-only although the group's grace period is 14 days");
        UserAccount freeNow = accounts.findByUsername(free.getUsername()).orElseThrow();
        assertFalse(freeNow.isMustEnrolFactor());
        assertFalse(policies.restrictedToEnrolment(freeNow));
    }
}
