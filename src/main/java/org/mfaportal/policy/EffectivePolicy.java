package org.mfaportal.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy that applies to one user: the strictest combination of the default and the policies of the user's
 * groups (required if any requires it, the shortest grace, the shortest browser trust, only the factor kinds every
 * policy allows, the fewest recovery codes), with the policies that set each value, so admins can see why.
 *
 * <p>Security keys and passkeys: attestation is required if any policy requires it; the allowed models are those
 * every policy with a model list names (the intersection of the lists; a policy without a list allows any model).
 * When the lists have no model in common, no security key or passkey is allowed at all: both kinds leave
 * {@link #allowedFactors}, exactly as if a policy disallowed them.
 *
 * @param allowedFrom the policies that narrowed the allowed kinds; empty when all allow every kind
 * @param keys the rules on the models of security keys and passkeys
 */
public record EffectivePolicy(boolean mfaRequired, String requiredBy, int graceDays, String graceFrom, int trustedBrowserDays, String trustFrom,
        Set<FactorKind> allowedFactors, List<String> allowedFrom, int recoveryCodes, String recoveryCodesFrom, KeyRules keys) {

    /**
     * The rules on security keys and passkeys.
     *
     * @param attestationFrom the policies that require attestation; empty: not required
     * @param allowedModels the models allowed (lower-case AAGUIDs); only meaningful when {@link #restrictsModels()}
     * @param modelsFrom the policies with a model list; empty: any model
     */
    public record KeyRules(List<String> attestationFrom, Set<String> allowedModels, List<String> modelsFrom) {

        static final KeyRules ANY = new KeyRules(List.of(), Set.of(), List.of());

        public KeyRules {
            attestationFrom = List.copyOf(attestationFrom);
            allowedModels = Set.copyOf(allowedModels);
            modelsFrom = List.copyOf(modelsFrom);
        }

        public boolean attestationRequired() {
            return !attestationFrom.isEmpty();
        }

        public boolean restrictsModels() {
            return !modelsFrom.isEmpty();
        }

        /** Whether registration should ask the authenticator for its attestation ("direct"): only when a rule needs it. */
        public boolean needsAttestation() {
            return attestationRequired() || restrictsModels();
        }

        public boolean allowsModel(String model) {
            return !restrictsModels() || model != null && allowedModels.contains(model);
        }

        /** Why a key of this model and attestation may not be registered or count now; empty when it may. */
        public Optional<KeyRefusal> refusal(String model, Boolean attestationVerified) {
            if (!allowsModel(model)) {
                return Optional.of(KeyRefusal.MODEL_NOT_ALLOWED);
            }
            if (attestationRequired() && !Boolean.TRUE.equals(attestationVerified)) {
                return Optional.of(KeyRefusal.ATTESTATION_MISSING);
            }
            return Optional.empty();
        }

        KeyRules and(PolicyRule rule) {
            List<String> attestation = new ArrayList<>(attestationFrom);
            if (rule.attestationRequired()) {
                attestation.add(rule.group() == null ? DEFAULT_SOURCE : rule.group());
            }
            if (!rule.restrictsModels()) {
                return new KeyRules(attestation, allowedModels, modelsFrom);
            }
            Set<String> models = new TreeSet<>(rule.allowedModels());
            if (restrictsModels()) {
                models.retainAll(allowedModels);
            }
            List<String> from = new ArrayList<>(modelsFrom);
            from.add(rule.group() == null ? DEFAULT_SOURCE : rule.group());
            return new KeyRules(attestation, models, from);
        }
    }

    /** Why a security key or passkey does not satisfy the rules on models. */
    public enum KeyRefusal {
        /** Attestation is required, and the key did not prove its model with a verified attestation certificate. */
        ATTESTATION_MISSING,
        /** The key's model is not on the allow-list. */
        MODEL_NOT_ALLOWED
    }

    /** "default" names the default policy in the sources. */
    public static final String DEFAULT_SOURCE = "default";

    public static EffectivePolicy resolve(PolicyRule defaults, Collection<PolicyRule> groupRules) {
        Set<FactorKind> allowed = EnumSet.noneOf(FactorKind.class);
        allowed.addAll(defaults.allowedFactors());
        EffectivePolicy effective = new EffectivePolicy(defaults.mfaRequired(), defaults.mfaRequired() ? DEFAULT_SOURCE : null,
                defaults.graceDays(), DEFAULT_SOURCE, defaults.trustedBrowserDays(), DEFAULT_SOURCE, Set.copyOf(allowed),
                restricts(defaults) ? List.of(DEFAULT_SOURCE) : List.of(), defaults.recoveryCodes(), DEFAULT_SOURCE, KeyRules.ANY.and(defaults));
        for (PolicyRule rule : groupRules.stream().sorted(Comparator.comparing(PolicyRule::group)).toList()) {
            effective = effective.strictest(rule);
        }
        return effective.withoutKeysWhenNoModelIsLeft();
    }

    /** Model lists without a model in common leave no key that could be registered: the kinds are not allowed. */
    private EffectivePolicy withoutKeysWhenNoModelIsLeft() {
        if (!keys.restrictsModels() || !keys.allowedModels().isEmpty()) {
            return this;
        }
        Set<FactorKind> narrowed = EnumSet.noneOf(FactorKind.class);
        narrowed.addAll(allowedFactors);
        narrowed.removeAll(EnumSet.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY));
        Set<String> narrowedBy = new LinkedHashSet<>(allowedFrom);
        narrowedBy.addAll(keys.modelsFrom());
        return new EffectivePolicy(mfaRequired, requiredBy, graceDays, graceFrom, trustedBrowserDays, trustFrom, Set.copyOf(narrowed),
                List.copyOf(narrowedBy), recoveryCodes, recoveryCodesFrom, keys);
    }

    private static boolean restricts(PolicyRule rule) {
        return !rule.allowedFactors().containsAll(EnumSet.allOf(FactorKind.class));
    }

    private EffectivePolicy strictest(PolicyRule rule) {
        boolean required = mfaRequired || rule.mfaRequired();
        String requiredSource = mfaRequired ? requiredBy : (rule.mfaRequired() ? rule.group() : null);
        boolean shorterGrace = rule.mfaRequired() && (!mfaRequired || rule.graceDays() < graceDays);
        boolean shorterTrust = rule.trustedBrowserDays() < trustedBrowserDays;
        boolean fewerCodes = rule.recoveryCodes() < recoveryCodes;
        Set<FactorKind> narrowed = EnumSet.noneOf(FactorKind.class);
        narrowed.addAll(allowedFactors);
        narrowed.retainAll(rule.allowedFactors());
        Set<String> narrowedBy = new LinkedHashSet<>(allowedFrom);
        if (restricts(rule)) {
            narrowedBy.add(rule.group());
        }
        return new EffectivePolicy(required, requiredSource,
                shorterGrace ? rule.graceDays() : graceDays, shorterGrace ? rule.group() : graceFrom,
                shorterTrust ? rule.trustedBrowserDays() : trustedBrowserDays, shorterTrust ? rule.group() : trustFrom,
                Set.copyOf(narrowed), List.copyOf(narrowedBy),
                fewerCodes ? rule.recoveryCodes() : recoveryCodes, fewerCodes ? rule.group() : recoveryCodesFrom, keys.and(rule));
    }

    public boolean allows(FactorKind kind) {
        return allowedFactors.contains(kind);
    }

    /** Whether an enrolled factor counts: its kind is allowed and, for a key, its model and attestation are. */
    public boolean accepts(EnrolledFactor factor) {
        return whyNotAccepted(factor).isEmpty();
    }

    /** Why an enrolled factor does not count, as the key of a message in the bundle; empty when it counts. */
    public Optional<String> whyNotAccepted(EnrolledFactor factor) {
        if (!allows(factor.kind())) {
            return Optional.of("policy.factor-stopped-counting.kind");
        }
        if (!factor.isKey()) {
            return Optional.empty();
        }
        return keys.refusal(factor.model(), factor.attestationVerified()).map(refusal -> refusal == KeyRefusal.MODEL_NOT_ALLOWED
                ? "policy.factor-stopped-counting.model" : "policy.factor-stopped-counting.attestation");
    }

    /** The user's policies leave no kind of factor they could enrol: an admin must change a policy or exempt them. */
    public boolean conflicting() {
        return allowedFactors.stream().noneMatch(FactorKind.AUTHENTICATORS::contains);
    }

    /** The allowed kinds in a stable order, for pages. */
    public List<FactorKind> allowedInOrder() {
        return allowedFactors.stream().sorted().toList();
    }
}
