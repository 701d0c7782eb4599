package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectivePolicyTest {

    private static final PolicyRule DEFAULTS = new PolicyRule(null, false, 30, 30);

    @Test
    void withoutGroupPoliciesTheDefaultApplies() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of());

        assertFalse(policy.mfaRequired());
        assertNull(policy.requiredBy());
        assertEquals(30, policy.trustedBrowserDays());
        assertEquals(EffectivePolicy.DEFAULT_SOURCE, policy.trustFrom());
    }

    @Test
    void anyRequiringGroupMakesMfaRequiredAndNamesItself() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS,
                List.of(new PolicyRule("sales", false, 10, 30), new PolicyRule("finance", true, 14, 30)));

        assertTrue(policy.mfaRequired());
        assertEquals("finance", policy.requiredBy());
        assertEquals(14, policy.graceDays());
        assertEquals("finance", policy.graceFrom());
    }

    @Test
    void theShortestGraceAmongRequiringPoliciesWins() {
        EffectivePolicy policy = EffectivePolicy.resolve(new PolicyRule(null, true, 30, 30),
                List.of(new PolicyRule("it", true, 7, 30), new PolicyRule("finance", true, 14, 30), new PolicyRule("sales", false, 1, 30)));

        assertEquals(7, policy.graceDays(), "a group that does not require MFA sets no grace");
        assertEquals("it", policy.graceFrom());
        assertEquals(EffectivePolicy.DEFAULT_SOURCE, policy.requiredBy());
    }

    @Test
    void theShortestBrowserTrustWinsAndZeroTurnsItOff() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(new PolicyRule("it", false, 30, 7), new PolicyRule("finance", false, 30, 0)));

        assertEquals(0, policy.trustedBrowserDays());
        assertEquals("finance", policy.trustFrom());
    }

    @Test
    void theOrderOfGroupsDoesNotMatter() {
        List<PolicyRule> rules = List.of(new PolicyRule("b", true, 5, 10), new PolicyRule("a", true, 5, 10));

        assertEquals(EffectivePolicy.resolve(DEFAULTS, rules), EffectivePolicy.resolve(DEFAULTS, List.of(rules.get(1), rules.get(0))));
    }

    @Test
    void onlyFactorKindsEveryPolicyAllowsRemainAndTheNarrowingPoliciesAreNamed() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(
                new PolicyRule("finance", true, 14, 30, EnumSet.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY, FactorKind.RECOVERY_CODE), 10),
                new PolicyRule("it", false, 30, 30, EnumSet.of(FactorKind.TOTP, FactorKind.PASSKEY, FactorKind.RECOVERY_CODE), 10),
                new PolicyRule("sales", false, 30, 30)));

        assertEquals(Set.of(FactorKind.PASSKEY, FactorKind.RECOVERY_CODE), policy.allowedFactors());
        assertEquals(List.of("finance", "it"), policy.allowedFrom(), "sales allows everything and narrows nothing");
        assertFalse(policy.conflicting());
    }

    @Test
    void policiesWithNoAuthenticatorInCommonConflict() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(
                new PolicyRule("a", true, 14, 30, EnumSet.of(FactorKind.TOTP, FactorKind.RECOVERY_CODE), 10),
                new PolicyRule("b", true, 14, 30, EnumSet.of(FactorKind.SECURITY_KEY, FactorKind.RECOVERY_CODE), 10)));

        assertEquals(Set.of(FactorKind.RECOVERY_CODE), policy.allowedFactors());
        assertTrue(policy.conflicting(), "recovery codes alone are no factor");
    }

    @Test
    void theFewestRecoveryCodesWin() {
        EffectivePolicy policy = EffectivePolicy.resolve(new PolicyRule(null, false, 30, 30, EnumSet.allOf(FactorKind.class), 12), List.of(
                new PolicyRule("a", false, 30, 30, EnumSet.allOf(FactorKind.class), 8),
                new PolicyRule("b", false, 30, 30, EnumSet.allOf(FactorKind.class), 16)));

        assertEquals(8, policy.recoveryCodes());
        assertEquals("a", policy.recoveryCodesFrom());
    }

    @Test
    void aDefaultThatRestrictsKindsIsNamedAsTheSource() {
        EffectivePolicy policy = EffectivePolicy.resolve(new PolicyRule(null, false, 30, 30, EnumSet.of(FactorKind.SECURITY_KEY), 10), List.of());

        assertEquals(List.of(EffectivePolicy.DEFAULT_SOURCE), policy.allowedFrom());
        assertTrue(policy.allows(FactorKind.SECURITY_KEY));
        assertFalse(policy.allows(FactorKind.RECOVERY_CODE));
    }
}
