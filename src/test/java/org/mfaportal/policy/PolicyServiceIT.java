package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.admin.AdminUserService;
import org.mfaportal.admin.InvalidExemptionException;
import org.mfaportal.auth.PendingLoginService;
import org.mfaportal.auth.ReturnPath;
import org.mfaportal.auth.SecondFactorResult;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.FactorNotAllowedException;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.WebAuthnCredential;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/** Policies against the real database with the clock moved by the test: grace, overdue, exempt, allowed kinds, code counts. */
@ExtendWith(ArquillianExtension.class)
class PolicyServiceIT {

    private static final Set<FactorKind> KEYS_ONLY = EnumSet.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY, FactorKind.RECOVERY_CODE);

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(PolicyServiceIT.class);
    }

    @Inject
    PolicyService policies;

    @Inject
    AdminUserService admin;

    @Inject
    UserAccountService accounts;

    @Inject
    TotpService totp;

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    TestClock clock;

    @PersistenceContext
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String newGroup(boolean required, int graceDays, Set<FactorKind> allowed, int recoveryCodeCount) {
        String group = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        policies.save(new PolicyRule(group, required, graceDays, 30, allowed, recoveryCodeCount), "it-admin");
        return group;
    }

    private UserAccount member(String group) {
        return accounts.create("member-" + UUID.randomUUID(), "Policy Tester", null, "password-123".toCharArray(), Set.of(group));
    }

    /** Enrols an app with a code of the previous time step, so the current one stays free for a sign-in. */
    private TotpEnrolment enrolApp(UserAccount user, List<String> recoveryCodesOut) {
        TotpEnrolment app = totp.startEnrolment(user);
        recoveryCodesOut.addAll(totp.confirmEnrolment(user, app, app.totp().codeAt(app.secret(), clock.instant().minusSeconds(30))).orElseThrow());
        return app;
    }

    private long audited(String subject, String type, String actor) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where subject_username = ?1 and event_type = ?2 and actor_username = ?3")
                .setParameter(1, subject).setParameter(2, type).setParameter(3, actor).getSingleResult()).longValue();
    }

    @Test
    void graceRunsFromTheFirstSignInUnderTheRequirementThenTheUserIsOverdueUntilEnrolled() {
        UserAccount user = member(newGroup(true, 7, EnumSet.allOf(FactorKind.class), 10));
        Instant firstSignIn = clock.instant();

        EnrolmentState atFirstSignIn = policies.atSignIn(user);
        assertEquals(EnrolmentState.Kind.IN_GRACE, atFirstSignIn.kind());
        assertFalse(atFirstSignIn.deadline().isBefore(firstSignIn.plus(Duration.ofDays(7))));

        clock.advance(Duration.ofDays(6));
        assertEquals(EnrolmentState.Kind.IN_GRACE, policies.atSignIn(user).kind(), "a later sign-in does not restart the grace");
        assertEquals(atFirstSignIn.deadline(), policies.stateOf(user).deadline());

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertEquals(EnrolmentState.Kind.OVERDUE, policies.stateOf(user).kind());

        enrolApp(user, new java.util.ArrayList<>());
        assertEquals(EnrolmentState.Kind.ENROLLED, policies.stateOf(user).kind());
        assertEquals(1, audited(user.getUsername(), "MFA_REQUIRED", user.getUsername()), "the start of the grace is audited once");
    }

    @Test
    void deletingAGroupPolicyReturnsItsMembersToTheDefaultAndIsAudited() {
        String group = newGroup(true, 0, EnumSet.allOf(FactorKind.class), 10);
        UserAccount user = member(group);
        assertEquals(EnrolmentState.Kind.OVERDUE, policies.atSignIn(user).kind());

        assertTrue(policies.delete(group, "it-admin"));

        assertEquals(EnrolmentState.Kind.NOT_REQUIRED, policies.stateOf(user).kind());
        assertTrue(policies.policies().stream().noneMatch(rule -> group.equals(rule.group())));
        String detail = (String) em.createNativeQuery("select detail from audit_event where event_type = 'POLICY_CHANGED' and detail like ?1")
                .setParameter(1, "group " + group + " before:%after: deleted").getSingleResult();
        assertTrue(detail.contains("required=true"), detail);
        assertFalse(policies.delete(group, "it-admin"), "a policy is deleted once");
        assertFalse(policies.delete(null, "it-admin"), "the default policy stays");
    }

    @Test
    void aGroupWithoutMembersIsRecognised() {
        String group = newGroup(false, 7, EnumSet.allOf(FactorKind.class), 10);
        assertEquals(0, policies.membersOf(group));
        member(group);
        assertEquals(1, policies.membersOf(group));
    }

    @Test
    void graceStartsAfreshWhenARequirementLiftedMonthsAgoAppliesAgain() {
        String group = newGroup(true, 7, EnumSet.allOf(FactorKind.class), 10);
        UserAccount user = member(group);
        policies.atSignIn(user);
        clock.advance(Duration.ofDays(3));

        policies.save(new PolicyRule(group, false, 7, 30, EnumSet.allOf(FactorKind.class), 10), "it-admin");
        assertEquals(EnrolmentState.Kind.NOT_REQUIRED, policies.atSignIn(user).kind());
        clock.advance(Duration.ofDays(120));
        policies.save(new PolicyRule(group, true, 7, 30, EnumSet.allOf(FactorKind.class), 10), "it-admin");
        Instant signInUnderTheNewRequirement = clock.instant();

        EnrolmentState again = policies.atSignIn(user);
        assertEquals(EnrolmentState.Kind.IN_GRACE, again.kind(), "not overdue at once for a requirement met today");
        assertFalse(again.deadline().isBefore(signInUnderTheNewRequirement.plus(Duration.ofDays(7))));
        assertEquals(2, audited(user.getUsername(), "MFA_REQUIRED", user.getUsername()), "each start of a grace is audited");
    }

    @Test
    void graceDoesNotRestartWhileTheRequirementStays() {
        String group = newGroup(true, 7, EnumSet.allOf(FactorKind.class), 10);
        UserAccount user = member(group);
        EnrolmentState first = policies.atSignIn(user);
        clock.advance(Duration.ofDays(8));

        assertEquals(EnrolmentState.Kind.OVERDUE, policies.atSignIn(user).kind(), "signing in again does not buy more time");
        assertEquals(first.deadline(), policies.stateOf(user).deadline());
    }

    @Test
    void anExemptionWaivesTheRequirementUntilItsDateAndIsAuditedWithItsReason() {
        UserAccount user = member(newGroup(true, 0, EnumSet.allOf(FactorKind.class), 10));
        assertEquals(EnrolmentState.Kind.OVERDUE, policies.atSignIn(user).kind());

        admin.exempt(user, clock.instant().plus(Duration.ofDays(3)), "  On parental leave, no phone  ", "it-admin");

        assertEquals(EnrolmentState.Kind.EXEMPT, policies.stateOf(user).kind());
        UserAccount stored = em.find(UserAccount.class, user.getId());
        assertEquals("On parental leave, no phone", stored.getMfaExemptReason());
        assertEquals("it-admin", stored.getMfaExemptedBy());
        assertEquals(1, audited(user.getUsername(), "MFA_EXEMPTED", "it-admin"));

        clock.advance(Duration.ofDays(3).plusSeconds(1));
        assertEquals(EnrolmentState.Kind.OVERDUE, policies.stateOf(user).kind(), "the exemption has ended by itself");
    }

    @Test
    void anAdminCanEndAnExemptionEarly() {
        UserAccount user = member(newGroup(true, 0, EnumSet.allOf(FactorKind.class), 10));
        admin.exempt(user, clock.instant().plus(Duration.ofDays(30)), "Travelling", "it-admin");

        admin.endExemption(user, "it-admin");

        assertEquals(EnrolmentState.Kind.OVERDUE, policies.stateOf(user).kind());
        assertEquals(1, audited(user.getUsername(), "MFA_EXEMPTION_ENDED", "it-admin"));
    }

    @Test
    void anExemptionNeedsAReasonAndAFutureDateWithinAYear() {
        UserAccount user = member(newGroup(true, 0, EnumSet.allOf(FactorKind.class), 10));
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));

        assertThrows(InvalidExemptionException.class, () -> admin.exempt(user, tomorrow, "   ", "it-admin"));
        assertThrows(InvalidExemptionException.class, () -> admin.exempt(user, tomorrow, "x".repeat(501), "it-admin"));
        assertThrows(InvalidExemptionException.class, () -> admin.exempt(user, clock.instant().minusSeconds(1), "Travelling", "it-admin"));
        assertThrows(InvalidExemptionException.class, () -> admin.exempt(user, clock.instant().plus(Duration.ofDays(400)), "Travelling", "it-admin"));
        assertThrows(InvalidExemptionException.class, () -> admin.exempt(user, null, "Travelling", "it-admin"));
        assertEquals(EnrolmentState.Kind.OVERDUE, policies.stateOf(user).kind(), "nothing was stored");
        assertEquals(0, audited(user.getUsername(), "MFA_EXEMPTED", "it-admin"));
    }

    @Test
    void aKindThePolicyDoesNotAllowCannotBeEnrolled() {
        UserAccount user = member(newGroup(true, 7, KEYS_ONLY, 10));
        TotpEnrolment app = totp.startEnrolment(user);

        FactorNotAllowedException refused = assertThrows(FactorNotAllowedException.class,
                () -> totp.confirmEnrolment(user, app, app.totp().codeAt(app.secret(), clock.instant())));

        assertEquals(FactorKind.TOTP, refused.kind());
        assertFalse(mfa.isMfaEnabled(user), "nothing was stored");
        assertFalse(recoveryCodes.hasRecoveryCodes(user));
    }

    @Test
    void theFirstFactorBringsAsManyRecoveryCodesAsThePolicySays() {
        UserAccount user = member(newGroup(false, 7, EnumSet.allOf(FactorKind.class), 6));
        List<String> codes = new java.util.ArrayList<>();

        enrolApp(user, codes);

        assertEquals(6, codes.size());
        assertEquals(6, recoveryCodes.regenerateRecoveryCodes(user).size());
    }

    @Test
    void wherePoliciesForbidRecoveryCodesNoneAreMadeOrAccepted() {
        UserAccount user = member(newGroup(false, 7, EnumSet.of(FactorKind.TOTP, FactorKind.SECURITY_KEY), 10));
        List<String> codes = new java.util.ArrayList<>();

        enrolApp(user, codes);

        assertTrue(codes.isEmpty());
        assertThrows(FactorNotAllowedException.class, () -> recoveryCodes.regenerateRecoveryCodes(user));
    }

    @Test
    void aRecoveryCodeIsRefusedAtSignInOncePoliciesForbidThemAndStaysUnused() {
        String group = newGroup(false, 7, EnumSet.allOf(FactorKind.class), 10);
        UserAccount user = member(group);
        List<String> codes = new java.util.ArrayList<>();
        enrolApp(user, codes);
        policies.save(new PolicyRule(group, false, 7, 30, EnumSet.of(FactorKind.TOTP), 10), "it-admin");

        SecondFactorResult result = pendingLogins.verifySecondFactor(pendingLogins.start(user, Set.of(group), new ReturnPath("/")), codes.get(0));

        SecondFactorResult.Rejected rejected = assertInstanceOf(SecondFactorResult.Rejected.class, result);
        assertEquals("policy.not-accepted.RECOVERY_CODE", rejected.refusalMessageKey());
        assertEquals(codes.size(), recoveryCodes.unusedRecoveryCodes(user), "the code was not even tried");
    }

    @Test
    void aUserWhoseOnlyFactorIsNoLongerAllowedProvesItAndIsThenHeldToSetUpAnAllowedOne() {
        String group = newGroup(true, 0, EnumSet.allOf(FactorKind.class), 10);
        UserAccount user = member(group);
        TotpEnrolment app = enrolApp(user, new java.util.ArrayList<>());
        assertEquals(EnrolmentState.Kind.ENROLLED, policies.atSignIn(user).kind());
        policies.save(new PolicyRule(group, true, 0, 30, KEYS_ONLY, 10), "it-admin");

        String token = pendingLogins.start(user, Set.of(group), new ReturnPath("/"));
        assertInstanceOf(SecondFactorResult.Rejected.class, pendingLogins.verifySecondFactor(token, "000000".equals(app.totp().codeAt(app.secret(), clock.instant())) ? "111111" : "000000"),
                "a wrong code is still wrong");
        SecondFactorResult result = pendingLogins.verifySecondFactor(token, app.totp().codeAt(app.secret(), clock.instant()));

        assertInstanceOf(SecondFactorResult.Verified.class, result, "the disallowed app still proves who it is");
        EnrolmentState state = policies.atSignIn(user);
        assertEquals(EnrolmentState.Kind.OVERDUE, state.kind(), "but it does not count as enrolled");
        assertTrue(state.hasDisallowedFactor());
        assertEquals(List.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY), state.allowedFactors());
    }

    @Test
    void aKeyCountsAtSignInOnlyForItsOwnerAndItsModelIsCountedOnce() {
        String group = newGroup(true, 7, KEYS_ONLY, 10);
        UserAccount alice = member(group);
        UserAccount bob = member(group);
        String model = "b1a2c3d4-0000-4000-8000-" + UUID.randomUUID().toString().substring(24);
        long aliceKey = addKey(alice, model.toUpperCase(Locale.ROOT));
        long bobKey = addKey(bob, model);

        assertTrue(policies.acceptsKeyAtSignIn(alice, aliceKey));
        assertFalse(policies.acceptsKeyAtSignIn(alice, bobKey), "another user's key proves nothing about alice");
        assertFalse(policies.acceptsKeyAtSignIn(alice, Long.MAX_VALUE), "nor does a key that does not exist");
        assertEquals(2L, policies.registeredModels().get(model), "the model is counted once, whatever case each key named it in");
    }

    private long addKey(UserAccount user, String aaguid) {
        WebAuthnCredential credential = new WebAuthnCredential("cred-" + UUID.randomUUID(), "not-used-here", aaguid, 0L, "usb", false, false, false, false);
        Authenticator key = Authenticator.webAuthn(user, "Key", credential, clock.instant());
        mfa.addAuthenticator(user, key);
        return key.getId();
    }

    @Test
    void aPolicyMustAllowAnAuthenticator() {
        assertThrows(InvalidPolicyException.class, () -> policies.save(new PolicyRule("recovery-only", true, 7, 30, EnumSet.of(FactorKind.RECOVERY_CODE), 10), "it-admin"));
        assertTrue(policies.policies().stream().noneMatch(rule -> "recovery-only".equals(rule.group())));
    }
}
