package org.mfaportal.policy;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;

/** MFA policies: what applies to a user, where the user stands with it, and what they may enrol and sign in with. */
@Stateless
public class PolicyService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @Inject
    PolicyRulesOfRequest rulesOfRequest;

    @Inject
    EnrolledFactors enrolledFactors;

    /** Every stored policy, judged now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PolicySet policySet() {
        List<PolicyRule> all = policies();
        PolicyRule defaults = all.stream().filter(rule -> rule.group() == null).findFirst().orElse(null);
        return new PolicySet(defaults, all.stream().filter(rule -> rule.group() != null).toList(), clock.instant());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public EffectivePolicy effectiveFor(UserAccount user) {
        return policySet().effectiveFor(user.getGroups());
    }

    /** How long this user's browsers may skip the second factor (0: the option is off for them). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Duration trustedBrowserLifetime(UserAccount user) {
        return Duration.ofDays(effectiveFor(user).trustedBrowserDays());
    }

    /** Whether the user's policies let them enrol (or keep using) this kind of factor. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean allows(UserAccount user, FactorKind kind) {
        return effectiveFor(user).allows(kind);
    }

    /** The user's state now, without changing anything. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public EnrolmentState stateOf(UserAccount user) {
        return policySet().stateOf(factsOf(user));
    }

    /** The kinds of factor that may complete this user's sign-in now (see {@link PolicySet#acceptedAtSignIn}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<FactorKind> acceptedAtSignIn(UserAccount user) {
        return policySet().acceptedAtSignIn(factsOf(user), enrolledFactors.hasUnusedRecoveryCodes(user.getId()));
    }

    /** Whether this key of the user may complete their sign-in now (see {@link PolicySet#acceptsKeyAtSignIn}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean acceptsKeyAtSignIn(UserAccount user, long authenticatorId) {
        return enrolledFactors.one(user.getId(), authenticatorId).filter(key -> policySet().acceptsKeyAtSignIn(factsOf(user), key)).isPresent();
    }

    /**
     * The models of security keys and passkeys registered so far (lower-case AAGUIDs, without the "unknown model" of
     * keys that did not name theirs) and how many keys of each: what an admin picks an allow-list from.
     */
    public Map<String, Long> registeredModels() {
        Map<String, Long> models = new TreeMap<>();
        enrolledFactors.keysPerModel().forEach((named, keys) -> PolicyRule.aaguid(named)
                .filter(model -> !PolicyRule.UNKNOWN_MODEL.equals(model)).ifPresent(model -> models.merge(model, keys, Long::sum)));
        return models;
    }

    /**
     * At sign-in: the grace period of a user who must use MFA starts the first time the requirement meets them, not
     * when the admin set it, so nobody is overdue before they were ever told. A sign-in without any requirement forgets
     * that start: when a requirement newly applies to the user later (lifted, then applied again months on), their
     * grace starts afresh instead of being long over (the rule the policies page states).
     */
    public EnrolmentState atSignIn(UserAccount user) {
        PolicySet policySet = policySet();
        PolicySet.UserFacts facts = factsOf(user);
        EnrolmentState state = policySet.stateOf(facts);
        if (state.kind() == EnrolmentState.Kind.NOT_REQUIRED) {
            // written only when there is something to forget: most sign-ins find nothing and write nothing
            if (facts.requiredSince() != null) {
                em.createQuery("update UserAccount u set u.mfaRequiredSince = null where u.id = :id and u.mfaRequiredSince is not null")
                        .setParameter("id", user.getId()).executeUpdate();
            }
            return state;
        }
        if (state.mustEnrol() && !state.graceStarted()) {
            em.createQuery("update UserAccount u set u.mfaRequiredSince = :now where u.id = :id and u.mfaRequiredSince is null")
                    .setParameter("now", clock.instant()).setParameter("id", user.getId()).executeUpdate();
            EnrolmentState started = stateOf(user); // judged after the start was written (rare: once per requirement)
            audit.recordOwn(AuditEventType.MFA_REQUIRED, user.getUsername(), "grace until " + started.deadline());
            return started;
        }
        return state;
    }

    /**
     * ENROLMENT_ONLY: the grace period is over without an allowed factor, or the account must enrol its first factor
     * before anything else (the bootstrap admin whatever the policy says; an invited user whose policy requires MFA),
     * unless an admin exempted it.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean restrictedToEnrolment(UserAccount user, EnrolmentState state) {
        return state.overdue() || user.isMustEnrolFactor() && state.kind() != EnrolmentState.Kind.EXEMPT;
    }

    /** The same, judged now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean restrictedToEnrolment(UserAccount user) {
        return restrictedToEnrolment(user, stateOf(user));
    }

    /** Every stored policy, read once per request ({@link PolicyRulesOfRequest}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PolicyRule> policies() {
        try {
            return rulesOfRequest.rules(this::storedPolicies);
        } catch (ContextNotActiveException outsideAnyRequest) {
            return storedPolicies();
        }
    }

    private List<PolicyRule> storedPolicies() {
        return em.createNamedQuery(MfaPolicy.ALL, MfaPolicy.class).getResultList().stream().map(MfaPolicy::rule).toList();
    }

    private void policiesChanged() {
        try {
            rulesOfRequest.changed();
        } catch (ContextNotActiveException outsideAnyRequest) {
            // nothing was kept
        }
    }

    /**
     * Creates or changes a policy; audited with before and after.
     *
     * @throws InvalidPolicyException when the policy would allow no kind of authenticator
     */
    public void save(PolicyRule rule, String admin) {
        if (!rule.allowsAnAuthenticator()) {
            throw new InvalidPolicyException("A policy must allow at least one kind of authenticator");
        }
        MfaPolicy existing = (rule.group() == null
                ? em.createNamedQuery(MfaPolicy.DEFAULT, MfaPolicy.class)
                : em.createNamedQuery(MfaPolicy.FOR_GROUPS, MfaPolicy.class).setParameter("groups", List.of(rule.group())))
                .getResultStream().findFirst().orElse(null);
        String before = existing == null ? "none" : existing.rule().toString();
        if (existing == null) {
            em.persist(new MfaPolicy(rule, clock.instant()));
        } else {
            existing.apply(rule, clock.instant());
        }
        policiesChanged();
        String policyName = rule.group() == null ? EffectivePolicy.DEFAULT_SOURCE : "group " + rule.group();
        audit.record(AuditEventType.POLICY_CHANGED, admin, null, policyName + " before: " + before + "; after: " + rule);
    }

    /**
     * Deletes a group's policy (the default policy stays); its members fall back to the default and their other
     * groups' policies. Audited with what the policy was.
     *
     * @return false when the group had no policy
     */
    public boolean delete(String group, String admin) {
        Optional<MfaPolicy> existing = group == null ? Optional.empty()
                : em.createNamedQuery(MfaPolicy.FOR_GROUPS, MfaPolicy.class).setParameter("groups", List.of(group)).getResultStream().findFirst();
        existing.ifPresent(policy -> {
            String before = policy.rule().toString();
            em.remove(policy);
            policiesChanged();
            audit.record(AuditEventType.POLICY_CHANGED, admin, null, "group " + group + " before: " + before + "; after: deleted");
        });
        return existing.isPresent();
    }

    /** How many accounts are in the group: a policy for a group without members is most likely a typo. */
    public long membersOf(String group) {
        return em.createQuery("select count(u) from UserAccount u join u.groups g where g = :group", Long.class)
                .setParameter("group", group).getSingleResult();
    }

    private PolicySet.UserFacts factsOf(UserAccount user) {
        Object[] stored = em.createQuery("select u.mfaRequiredSince, u.mfaExemptUntil from UserAccount u where u.id = :id", Object[].class)
                .setParameter("id", user.getId()).getResultList().stream().findFirst().orElse(new Object[2]);
        return new PolicySet.UserFacts(user.getGroups(), enrolledFactors.of(user.getId()), (Instant) stored[0], (Instant) stored[1]);
    }
}
