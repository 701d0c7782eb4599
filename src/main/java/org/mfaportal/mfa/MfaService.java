package org.mfaportal.mfa;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.policy.EffectivePolicy;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;

/** A user's second factors as a whole: whether MFA is on, which factors exist, adding and removing them. */
@Stateless
public class MfaService {

    @PersistenceContext
    EntityManager em;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    PolicyService policies;

    @Inject
    AuditService audit;

    @Inject
    Event<FactorsChanged> factorsChanged;

    /** MFA is on as soon as the user has one real factor; recovery codes alone do not count. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isMfaEnabled(UserAccount user) {
        return em.createNamedQuery(Authenticator.COUNT_OF_USER, Long.class)
                .setParameter("userId", user.getId())
                .getSingleResult() > 0;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Authenticator> authenticators(UserAccount user) {
        return em.createNamedQuery(Authenticator.OF_USER, Authenticator.class)
                .setParameter("userId", user.getId())
                .getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Authenticator> authenticators(UserAccount user, AuthenticatorType type) {
        return em.createNamedQuery(Authenticator.OF_USER_AND_TYPE, Authenticator.class)
                .setParameter("userId", user.getId())
                .setParameter("type", type)
                .getResultList();
    }

    /**
     * Stores a verified factor. The first factor of a user comes with a set of recovery codes (if their policy allows
     * them), returned for showing once; later factors return an empty list.
     *
     * @throws FactorNotAllowedException when the user's policy does not allow this kind of factor
     */
    public List<String> addAuthenticator(UserAccount user, Authenticator authenticator) {
        EffectivePolicy policy = policies.effectiveFor(user);
        if (!policy.allows(authenticator.kind())) {
            throw new FactorNotAllowedException(authenticator.kind());
        }
        em.persist(authenticator);
        audit.recordOwn(AuditEventType.FACTOR_ADDED, user.getUsername(), describe(authenticator));
        factorsChanged.fire(new FactorsChanged(user, true, authenticator.getType(), authenticator.getName(), null));
        if (recoveryCodes.hasRecoveryCodes(user) || !policy.allows(FactorKind.RECOVERY_CODE)) {
            return List.of();
        }
        return recoveryCodes.generateRecoveryCodes(user, policy.recoveryCodes());
    }

    /** Removes one of the user's factors; with the last one go the recovery codes, which alone are no second factor. */
    public boolean removeAuthenticator(UserAccount user, long authenticatorId) {
        return removeAuthenticator(user, authenticatorId, null);
    }

    /** An IT admin ({@code admin}, null for the user themself) removes one of the user's factors. */
    public boolean removeAuthenticator(UserAccount user, long authenticatorId, String admin) {
        Optional<Authenticator> owned = authenticators(user).stream().filter(a -> a.getId() == authenticatorId).findFirst();
        owned.ifPresent(authenticator -> {
            em.remove(authenticator);
            em.flush();
            audit.record(AuditEventType.FACTOR_REMOVED, admin == null ? user.getUsername() : admin, user.getUsername(),
                    describe(authenticator));
            factorsChanged.fire(new FactorsChanged(user, false, authenticator.getType(), authenticator.getName(), admin));
            if (!isMfaEnabled(user)) {
                recoveryCodes.deleteRecoveryCodes(user);
            }
        });
        return owned.isPresent();
    }

    /** For audit details: "Security key "Office key"", never the stored type's constant name. */
    private static String describe(Authenticator authenticator) {
        return authenticator.kind().label() + " \"" + authenticator.getName() + "\"";
    }
}
