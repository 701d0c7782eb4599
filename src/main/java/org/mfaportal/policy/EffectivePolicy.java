package org.mfaportal.policy;

import java.util.Collection;
import java.util.List;

/**
 * The policy that applies to one user: the strictest combination of the default and the policies of the user's
 * groups (required if any requires it, the shortest grace, the shortest browser trust), with the group that set each
 * value, so admins can see why.
 */
public record EffectivePolicy(boolean mfaRequired, String requiredBy, int graceDays, String graceFrom, int trustedBrowserDays, String trustFrom) {

    /** "default" names the default policy in the sources. */
    public static final String DEFAULT_SOURCE = "default";

    public static EffectivePolicy resolve(PolicyRule defaults, Collection<PolicyRule> groupRules) {
        EffectivePolicy effective = new EffectivePolicy(defaults.mfaRequired(), defaults.mfaRequired() ? DEFAULT_SOURCE : null,
                defaults.graceDays(), DEFAULT_SOURCE, defaults.trustedBrowserDays(), DEFAULT_SOURCE);
        for (PolicyRule rule : List.copyOf(groupRules).stream().sorted(java.util.Comparator.comparing(PolicyRule::group)).toList()) {
            effective = effective.strictest(rule);
        }
        return effective;
    }

    private EffectivePolicy strictest(PolicyRule rule) {
        boolean required = mfaRequired || rule.mfaRequired();
        String requiredSource = mfaRequired ? requiredBy : (rule.mfaRequired() ? rule.group() : null);
        boolean shorterGrace = rule.mfaRequired() && (!mfaRequired || rule.graceDays() < graceDays);
        boolean shorterTrust = rule.trustedBrowserDays() < trustedBrowserDays;
        return new EffectivePolicy(required, requiredSource,
                shorterGrace ? rule.graceDays() : graceDays, shorterGrace ? rule.group() : graceFrom,
                shorterTrust ? rule.trustedBrowserDays() : trustedBrowserDays, shorterTrust ? rule.group() : trustFrom);
    }
}
