package org.mfaportal.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mfaportal.mfa.FactorKind;

/**
 * Every policy as stored, read once, with the instant they are judged at: the one place that decides a user's
 * enrolment state, so that the sign-in, the banner, the admin's user list and the compliance counts always agree.
 */
public final class PolicySet {

    /** Used before any policy was seeded: nothing required, everything allowed, no browser trust. */
    static final PolicyRule NO_POLICY = new PolicyRule(null, false, 0, 0);

    private final PolicyRule defaults;
    private final Map<String, PolicyRule> byGroup;
    private final Instant now;

    public PolicySet(PolicyRule defaults, Collection<PolicyRule> groupRules, Instant now) {
        this.defaults = defaults == null ? NO_POLICY : defaults;
        this.byGroup = groupRules.stream().collect(Collectors.toUnmodifiableMap(PolicyRule::group, Function.identity()));
        this.now = now;
    }

    /** What one user's stored facts add up to; {@code enrolledKinds} are the kinds of their authenticators. */
    public record UserFacts(Set<String> groups, Set<FactorKind> enrolledKinds, Instant requiredSince, Instant exemptUntil) {
    }

    public PolicyRule defaults() {
        return defaults;
    }

    public Collection<PolicyRule> groupRules() {
        return byGroup.values();
    }

    public Instant now() {
        return now;
    }

    public EffectivePolicy effectiveFor(Set<String> groups) {
        return EffectivePolicy.resolve(defaults, groups.stream().map(byGroup::get).filter(java.util.Objects::nonNull).toList());
    }

    public EnrolmentState stateOf(UserFacts user) {
        EffectivePolicy policy = effectiveFor(user.groups());
        List<FactorKind> allowed = policy.allowedInOrder().stream().filter(FactorKind.AUTHENTICATORS::contains).toList();
        Set<FactorKind> compliant = EnumSet.noneOf(FactorKind.class);
        compliant.addAll(user.enrolledKinds());
        compliant.retainAll(allowed);
        if (!compliant.isEmpty()) {
            return new EnrolmentState(EnrolmentState.Kind.ENROLLED, null, allowed, false, true);
        }
        boolean hasDisallowedFactor = user.enrolledKinds().stream().anyMatch(FactorKind.AUTHENTICATORS::contains);
        if (user.exemptUntil() != null && user.exemptUntil().isAfter(now)) {
            return new EnrolmentState(EnrolmentState.Kind.EXEMPT, user.exemptUntil(), allowed, hasDisallowedFactor, true);
        }
        // Someone who enrolled a factor their policy no longer allows opted in to MFA: they must replace it.
        if (!policy.mfaRequired() && !hasDisallowedFactor) {
            return new EnrolmentState(EnrolmentState.Kind.NOT_REQUIRED, null, allowed, false, true);
        }
        Instant deadline = (user.requiredSince() == null ? now : user.requiredSince()).plus(Duration.ofDays(policy.graceDays()));
        return new EnrolmentState(now.isBefore(deadline) ? EnrolmentState.Kind.IN_GRACE : EnrolmentState.Kind.OVERDUE, deadline, allowed,
                hasDisallowedFactor, user.requiredSince() != null);
    }

    /**
     * The kinds of factor that may complete this user's sign-in. Only allowed kinds while the user has an allowed
     * factor; a user whose factors are all disallowed must still prove one of them (a password alone never lets
     * anyone enrol a new factor), and is then held to setting up an allowed one.
     */
    public Set<FactorKind> acceptedAtSignIn(UserFacts user, boolean hasRecoveryCodes) {
        EffectivePolicy policy = effectiveFor(user.groups());
        Set<FactorKind> accepted = EnumSet.noneOf(FactorKind.class);
        accepted.addAll(user.enrolledKinds());
        if (hasRecoveryCodes) {
            accepted.add(FactorKind.RECOVERY_CODE);
        }
        boolean hasAllowedAuthenticator = user.enrolledKinds().stream().anyMatch(kind -> FactorKind.AUTHENTICATORS.contains(kind) && policy.allows(kind));
        if (hasAllowedAuthenticator) {
            accepted.retainAll(policy.allowedFactors());
        }
        return accepted;
    }
}
