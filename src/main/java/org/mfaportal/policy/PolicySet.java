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

    /** What one user's stored facts add up to; {@code factors} are their authenticators. */
    public record UserFacts(Set<String> groups, List<EnrolledFactor> factors, Instant requiredSince, Instant exemptUntil) {

        public UserFacts {
            factors = List.copyOf(factors);
        }

        /** Facts that know only the kinds of the user's authenticators (keys of no known model). */
        public UserFacts(Set<String> groups, Set<FactorKind> enrolledKinds, Instant requiredSince, Instant exemptUntil) {
            this(groups, enrolledKinds.stream().sorted().map(EnrolledFactor::ofKind).toList(), requiredSince, exemptUntil);
        }

        Set<FactorKind> enrolledKinds() {
            Set<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
            factors.forEach(factor -> kinds.add(factor.kind()));
            return kinds;
        }
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
        if (user.factors().stream().anyMatch(factor -> FactorKind.AUTHENTICATORS.contains(factor.kind()) && policy.accepts(factor))) {
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
        if (hasAcceptedAuthenticator(user, policy)) {
            accepted.retainAll(policy.allowedFactors());
        }
        return accepted;
    }

    /**
     * Whether this one security key or passkey may complete the user's sign-in: the same rule as
     * {@link #acceptedAtSignIn} for kinds, with the key's model and attestation judged too. A key that stopped counting
     * (its model left the allow-list) is refused while the user has a factor that counts, and still proves the user
     * when it is all they have (they must then set up one that counts).
     */
    public boolean acceptsKeyAtSignIn(UserFacts user, EnrolledFactor key) {
        EffectivePolicy policy = effectiveFor(user.groups());
        return !hasAcceptedAuthenticator(user, policy) || policy.accepts(key);
    }

    private static boolean hasAcceptedAuthenticator(UserFacts user, EffectivePolicy policy) {
        return user.factors().stream().anyMatch(factor -> FactorKind.AUTHENTICATORS.contains(factor.kind()) && policy.accepts(factor));
    }
}
