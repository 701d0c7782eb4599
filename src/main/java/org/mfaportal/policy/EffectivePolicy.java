package org.mfaportal.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mfaportal.mfa.FactorKind;

/**
 * The policy that applies to one user: the strictest combination of the default and the policies of the user's
 * groups (required if any requires it, the shortest grace, the shortest browser trust, only the factor kinds every
 * policy allows, the fewest recovery codes), with the policies that set each value, so admins can see why.
 *
 * @param allowedFrom the policies that narrowed the allowed kinds; empty when all allow every kind
 */
public record EffectivePolicy(boolean mfaRequired, String requiredBy, int graceDays, String graceFrom, int trustedBrowserDays, String trustFrom,
        Set<FactorKind> allowedFactors, List<String> allowedFrom, int recoveryCodes, String recoveryCodesFrom) {

    /** "default" names the default policy in the sources. */
    public static final String DEFAULT_SOURCE = "default";

    public static EffectivePolicy resolve(PolicyRule defaults, Collection<PolicyRule> groupRules) {
        Set<FactorKind> allowed = EnumSet.noneOf(FactorKind.class);
        allowed.addAll(defaults.allowedFactors());
        EffectivePolicy effective = new EffectivePolicy(defaults.mfaRequired(), defaults.mfaRequired() ? DEFAULT_SOURCE : null,
                defaults.graceDays(), DEFAULT_SOURCE, defaults.trustedBrowserDays(), DEFAULT_SOURCE, Set.copyOf(allowed),
                restricts(defaults) ? List.of(DEFAULT_SOURCE) : List.of(), defaults.recoveryCodes(), DEFAULT_SOURCE);
        for (PolicyRule rule : groupRules.stream().sorted(Comparator.comparing(PolicyRule::group)).toList()) {
            effective = effective.strictest(rule);
        }
        return effective;
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
                fewerCodes ? rule.recoveryCodes() : recoveryCodes, fewerCodes ? rule.group() : recoveryCodesFrom);
    }

    public boolean allows(FactorKind kind) {
        return allowedFactors.contains(kind);
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
