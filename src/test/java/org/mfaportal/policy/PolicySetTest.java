package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySetTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final PolicyRule DEFAULTS = new PolicyRule(null, false, 14, 30);
    private static final PolicyRule FINANCE = new PolicyRule("finance", true, 7, 30,
            EnumSet.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY, FactorKind.RECOVERY_CODE), 10);

    private final PolicySet policies = new PolicySet(DEFAULTS, List.of(FINANCE), NOW);

    private static PolicySet.UserFacts user(Set<String> groups, Set<FactorKind> factors, Instant requiredSince, Instant exemptUntil) {
        return new PolicySet.UserFacts(groups, factors, requiredSince, exemptUntil);
    }

    @Test
    void withoutARequirementOrFactorNothingIsRequired() {
        EnrolmentState state = policies.stateOf(user(Set.of("sales"), Set.of(), null, null));

        assertEquals(EnrolmentState.Kind.NOT_REQUIRED, state.kind());
        assertNull(state.deadline());
    }

    @Test
    void theGracePeriodCountsFromWhenTheRequirementFirstMetTheUser() {
        Instant since = NOW.minus(Duration.ofDays(6));
        EnrolmentState state = policies.stateOf(user(Set.of("finance"), Set.of(), since, null));

        assertEquals(EnrolmentState.Kind.IN_GRACE, state.kind());
        assertEquals(since.plus(Duration.ofDays(7)), state.deadline());
        assertEquals(List.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY), state.allowedFactors(), "recovery codes are not offered as a factor");
    }

    @Test
    void atTheDeadlineTheUserIsOverdue() {
        EnrolmentState state = policies.stateOf(user(Set.of("finance"), Set.of(), NOW.minus(Duration.ofDays(7)), null));

        assertEquals(EnrolmentState.Kind.OVERDUE, state.kind());
    }

    @Test
    void beforeTheRequirementMetTheUserTheFullGraceLiesAhead() {
        EnrolmentState state = policies.stateOf(user(Set.of("finance"), Set.of(), null, null));

        assertEquals(EnrolmentState.Kind.IN_GRACE, state.kind());
        assertEquals(NOW.plus(Duration.ofDays(7)), state.deadline());
        assertFalse(state.graceStarted(), "the deadline is provisional until the first sign-in");
    }

    @Test
    void withZeroGraceTheUserIsOverdueAtOnce() {
        PolicySet strict = new PolicySet(DEFAULTS, List.of(new PolicyRule("finance", true, 0, 30)), NOW);

        assertEquals(EnrolmentState.Kind.OVERDUE, strict.stateOf(user(Set.of("finance"), Set.of(), null, null)).kind());
    }

    @Test
    void onlyAnAllowedFactorCountsAsEnrolled() {
        assertEquals(EnrolmentState.Kind.ENROLLED, policies.stateOf(user(Set.of("finance"), Set.of(FactorKind.PASSKEY), NOW, null)).kind());

        EnrolmentState appOnly = policies.stateOf(user(Set.of("finance"), Set.of(FactorKind.TOTP), NOW.minus(Duration.ofDays(1)), null));
        assertEquals(EnrolmentState.Kind.IN_GRACE, appOnly.kind());
        assertTrue(appOnly.hasDisallowedFactor());
    }

    @Test
    void someoneWithOnlyADisallowedFactorMustReplaceItEvenWhereMfaIsNotRequired() {
        PolicySet appsBanned = new PolicySet(new PolicyRule(null, false, 14, 30, EnumSet.of(FactorKind.SECURITY_KEY), 10), List.of(), NOW);

        EnrolmentState state = appsBanned.stateOf(user(Set.of(), Set.of(FactorKind.TOTP), NOW.minus(Duration.ofDays(15)), null));

        assertEquals(EnrolmentState.Kind.OVERDUE, state.kind(), "the default's grace applies");
    }

    @Test
    void anExemptionWaivesTheRequirementUntilItEnds() {
        Instant until = NOW.plus(Duration.ofDays(3));
        Instant longOverdue = NOW.minus(Duration.ofDays(30));

        EnrolmentState exempt = policies.stateOf(user(Set.of("finance"), Set.of(), longOverdue, until));
        assertEquals(EnrolmentState.Kind.EXEMPT, exempt.kind());
        assertEquals(until, exempt.deadline());

        PolicySet afterwards = new PolicySet(DEFAULTS, List.of(FINANCE), until);
        assertEquals(EnrolmentState.Kind.OVERDUE, afterwards.stateOf(user(Set.of("finance"), Set.of(), longOverdue, until)).kind(),
                "the exemption ends exactly at its date");
    }

    @Test
    void anEnrolledUserIsEnrolledWhetherExemptOrNot() {
        assertEquals(EnrolmentState.Kind.ENROLLED,
                policies.stateOf(user(Set.of("finance"), Set.of(FactorKind.SECURITY_KEY), null, NOW.plus(Duration.ofDays(3)))).kind());
    }

    @Test
    void atSignInOnlyAllowedKindsCountWhileTheUserHasAnAllowedFactor() {
        Set<FactorKind> accepted = policies.acceptedAtSignIn(user(Set.of("finance"), Set.of(FactorKind.TOTP, FactorKind.SECURITY_KEY), null, null), true);

        assertEquals(Set.of(FactorKind.SECURITY_KEY, FactorKind.RECOVERY_CODE), accepted);
    }

    @Test
    void aUserWithOnlyDisallowedFactorsMustStillProveOneOfThem() {
        Set<FactorKind> accepted = policies.acceptedAtSignIn(user(Set.of("finance"), Set.of(FactorKind.TOTP), null, null), true);

        assertEquals(Set.of(FactorKind.TOTP, FactorKind.RECOVERY_CODE), accepted, "never a password alone");
    }

    @Test
    void recoveryCodesAreAcceptedOnlyWhenAllowedAndPresent() {
        PolicySet noCodes = new PolicySet(new PolicyRule(null, true, 0, 0, EnumSet.of(FactorKind.TOTP), 10), List.of(), NOW);

        assertFalse(noCodes.acceptedAtSignIn(user(Set.of(), Set.of(FactorKind.TOTP), null, null), true).contains(FactorKind.RECOVERY_CODE));
        assertFalse(policies.acceptedAtSignIn(user(Set.of(), Set.of(FactorKind.TOTP), null, null), false).contains(FactorKind.RECOVERY_CODE));
    }
}
