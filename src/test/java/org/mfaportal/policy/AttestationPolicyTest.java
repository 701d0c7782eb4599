package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attestation and model allow-lists: how several policies combine, and which keys still count. */
class AttestationPolicyTest {

    private static final String MODEL_A = "a11ce000-0000-4000-8000-00000000000a";
    private static final String MODEL_B = "b0b00000-0000-4000-8000-00000000000b";
    private static final String MODEL_C = "c0ffee00-0000-4000-8000-00000000000c";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final PolicyRule DEFAULTS = new PolicyRule(null, false, 14, 30);

    private static PolicyRule keys(String group, boolean attestation, String... models) {
        return new PolicyRule(group, true, 7, 30, EnumSet.allOf(FactorKind.class), 10, attestation, Set.of(models));
    }

    private static EnrolledFactor key(String model, Boolean verified) {
        return new EnrolledFactor(FactorKind.SECURITY_KEY, model, verified);
    }

    @Test
    void withoutRulesEveryModelCountsWithOrWithoutAttestation() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of());

        assertFalse(policy.keys().needsAttestation());
        assertTrue(policy.accepts(key(MODEL_A, null)));
        assertTrue(policy.accepts(key(null, false)));
    }

    @Test
    void attestationIsRequiredIfAnyPolicyRequiresItAndNamesThem() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(keys("sales", false), keys("finance", true), keys("it", true)));

        assertTrue(policy.keys().attestationRequired());
        assertEquals(List.of("finance", "it"), policy.keys().attestationFrom());
        assertTrue(policy.accepts(key(MODEL_A, true)));
        assertFalse(policy.accepts(key(MODEL_A, false)), "no verified attestation");
        assertFalse(policy.accepts(key(MODEL_A, null)), "registered before attestation was recorded: unknown does not count");
    }

    @Test
    void theAllowedModelsAreThoseEveryListNames() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(keys("finance", false, MODEL_A, MODEL_B), keys("it", false, MODEL_B, MODEL_C)));

        assertEquals(Set.of(MODEL_B), policy.keys().allowedModels());
        assertEquals(List.of("finance", "it"), policy.keys().modelsFrom());
        assertTrue(policy.accepts(key(MODEL_B, false)));
        assertFalse(policy.accepts(key(MODEL_A, true)));
        assertFalse(policy.accepts(key(null, true)), "a key that did not say its model");
    }

    @Test
    void aPolicyWithoutAListAllowsAnyModelAndDoesNotWidenAnother() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(keys("finance", false, MODEL_A), keys("sales", false)));

        assertEquals(Set.of(MODEL_A), policy.keys().allowedModels());
        assertEquals(List.of("finance"), policy.keys().modelsFrom());
    }

    @Test
    void theDefaultsListBindsEveryone() {
        EffectivePolicy policy = EffectivePolicy.resolve(keys(null, true, MODEL_A), List.of(keys("it", false, MODEL_A, MODEL_B)));

        assertEquals(Set.of(MODEL_A), policy.keys().allowedModels());
        assertEquals(List.of(EffectivePolicy.DEFAULT_SOURCE, "it"), policy.keys().modelsFrom());
        assertEquals(List.of(EffectivePolicy.DEFAULT_SOURCE), policy.keys().attestationFrom());
    }

    @Test
    void listsWithoutAModelInCommonDisallowKeysAndPasskeysLikeADisallowedKind() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(keys("finance", false, MODEL_A), keys("it", false, MODEL_B)));

        assertFalse(policy.allows(FactorKind.SECURITY_KEY));
        assertFalse(policy.allows(FactorKind.PASSKEY));
        assertTrue(policy.allows(FactorKind.TOTP));
        assertEquals(List.of("finance", "it"), policy.allowedFrom());
        assertFalse(policy.conflicting(), "authenticator apps are still allowed");
        assertEquals(Optional.of("policy.factor-stopped-counting.kind"), policy.whyNotAccepted(key(MODEL_A, true)));
    }

    @Test
    void theOrderOfGroupsDoesNotMatter() {
        List<PolicyRule> rules = List.of(keys("b", true, MODEL_A, MODEL_B), keys("a", false, MODEL_B));

        assertEquals(EffectivePolicy.resolve(DEFAULTS, rules), EffectivePolicy.resolve(DEFAULTS, List.of(rules.get(1), rules.get(0))));
    }

    @Test
    void theReasonAKeyStoppedCountingIsNamed() {
        EffectivePolicy policy = EffectivePolicy.resolve(DEFAULTS, List.of(keys("finance", true, MODEL_A)));

        assertEquals(Optional.of("policy.factor-stopped-counting.attestation"), policy.whyNotAccepted(key(MODEL_A, false)));
        assertEquals(Optional.of("policy.factor-stopped-counting.model"), policy.whyNotAccepted(key(MODEL_B, true)));
        assertEquals(Optional.empty(), policy.whyNotAccepted(key(MODEL_A, true)));
        assertEquals(Optional.empty(), policy.whyNotAccepted(EnrolledFactor.ofKind(FactorKind.TOTP)), "apps have no model");
    }

    @Test
    void aKeyOfAModelNoLongerAllowedStopsCountingLikeADisallowedKind() {
        PolicySet policies = new PolicySet(DEFAULTS, List.of(keys("finance", false, MODEL_A)), NOW);
        PolicySet.UserFacts oldKeyOnly = new PolicySet.UserFacts(Set.of("finance"), List.of(key(MODEL_B, null)), NOW.minusSeconds(60), null);

        EnrolmentState state = policies.stateOf(oldKeyOnly);

        assertEquals(EnrolmentState.Kind.IN_GRACE, state.kind());
        assertTrue(state.hasDisallowedFactor(), "the pages say the factor is no longer allowed");
        assertTrue(policies.acceptsKeyAtSignIn(oldKeyOnly, key(MODEL_B, null)), "all they have: it still proves them, then they must enrol");
    }

    @Test
    void aKeyThatStoppedCountingIsRefusedAtSignInWhileAnotherFactorCounts() {
        PolicySet policies = new PolicySet(DEFAULTS, List.of(keys("finance", false, MODEL_A)), NOW);
        PolicySet.UserFacts user = new PolicySet.UserFacts(Set.of("finance"), List.of(key(MODEL_B, true), key(MODEL_A, false)), null, null);

        assertEquals(EnrolmentState.Kind.ENROLLED, policies.stateOf(user).kind());
        assertFalse(policies.acceptsKeyAtSignIn(user, key(MODEL_B, true)));
        assertTrue(policies.acceptsKeyAtSignIn(user, key(MODEL_A, false)));
    }

    @Test
    void aaguidsAreReadInAnyCaseWithOrWithoutDashesAndNothingElse() {
        assertEquals(Optional.of(MODEL_A), PolicyRule.aaguid(" A11CE000000040008000-00000000000A "));
        assertEquals(Optional.empty(), PolicyRule.aaguid("a11ce000-0000-4000-8000-00000000000"));
        assertEquals(Optional.empty(), PolicyRule.aaguid("YubiKey 5"));
        assertThrows(IllegalArgumentException.class, () -> keys("x", false, "not a model"));
        assertEquals(Set.of(MODEL_A, MODEL_B), PolicyRule.parseModels(PolicyRule.formatModels(Set.of(MODEL_B, MODEL_A))));
    }

    @Test
    void theAuditTextNamesAttestationAndModels() {
        assertTrue(keys("finance", true, MODEL_B, MODEL_A).toString().endsWith("attestation=required, models=" + MODEL_A + " " + MODEL_B));
        assertTrue(DEFAULTS.toString().endsWith("attestation=optional, models=any"));
    }
}
