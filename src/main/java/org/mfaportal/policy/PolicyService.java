package org.mfaportal.policy;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.mfa.MfaService;

/** MFA policies: what applies to a user, and where the user stands with it. */
@Stateless
public class PolicyService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MfaService mfa;

    @Inject
    AuditService audit;

    public EffectivePolicy effectiveFor(UserAccount user) {
        PolicyRule defaults = em.createNamedQuery(MfaPolicy.DEFAULT, MfaPolicy.class).getResultStream().findFirst()
                .map(MfaPolicy::rule).orElse(new PolicyRule(null, false, 0, 0));
        List<PolicyRule> groupRules = user.getGroups().isEmpty() ? List.of()
                : em.createNamedQuery(MfaPolicy.FOR_GROUPS, MfaPolicy.class).setParameter("groups", user.getGroups())
                        .getResultList().stream().map(MfaPolicy::rule).toList();
        return EffectivePolicy.resolve(defaults, groupRules);
    }

    /** How long this user's browsers may skip the second factor (0: the option is off for them). */
    public Duration trustedBrowserLifetime(UserAccount user) {
        return Duration.ofDays(effectiveFor(user).trustedBrowserDays());
    }

    /** The user's state now, without changing anything. */
    public EnrolmentState stateOf(UserAccount user) {
        if (mfa.isMfaEnabled(user)) {
            return new EnrolmentState(EnrolmentState.Kind.ENROLLED, null);
        }
        EffectivePolicy policy = effectiveFor(user);
        if (!policy.mfaRequired()) {
            return new EnrolmentState(EnrolmentState.Kind.NOT_REQUIRED, null);
        }
        Instant since = requiredSince(user);
        Instant deadline = (since == null ? clock.instant() : since).plus(Duration.ofDays(policy.graceDays()));
        return new EnrolmentState(clock.instant().isBefore(deadline) ? EnrolmentState.Kind.IN_GRACE : EnrolmentState.Kind.OVERDUE, deadline);
    }

    /**
     * At sign-in: the grace period of a user who must use MFA starts the first time the requirement meets them, not
     * when the admin set it, so nobody is overdue before they were ever told.
     */
    public EnrolmentState atSignIn(UserAccount user) {
        EnrolmentState state = stateOf(user);
        if (state.kind() != EnrolmentState.Kind.NOT_REQUIRED && state.kind() != EnrolmentState.Kind.ENROLLED && requiredSince(user) == null) {
            em.createQuery("update UserAccount u set u.mfaRequiredSince = :now where u.id = :id and u.mfaRequiredSince is null")
                    .setParameter("now", clock.instant()).setParameter("id", user.getId()).executeUpdate();
            audit.recordOwn(AuditEventType.MFA_REQUIRED, user.getUsername(), "grace until " + state.deadline());
            return stateOf(user);
        }
        return state;
    }

    public List<PolicyRule> policies() {
        return em.createNamedQuery(MfaPolicy.ALL, MfaPolicy.class).getResultList().stream().map(MfaPolicy::rule).toList();
    }

    /** Creates or changes a policy; audited with before and after. */
    public void save(PolicyRule rule, String admin) {
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
        audit.record(AuditEventType.POLICY_CHANGED, admin, null, "before: " + before + "; after: " + rule);
    }

    private Instant requiredSince(UserAccount user) {
        List<Instant> since = em.createQuery("select u.mfaRequiredSince from UserAccount u where u.id = :id", Instant.class)
                .setParameter("id", user.getId()).getResultList();
        return since.isEmpty() ? null : since.get(0);
    }
}
