package org.mfaportal.mfa;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mfaportal.mfa.recovery.RecoveryCode;
import org.mfaportal.policy.EnrolledFactor;
import org.mfaportal.policy.EnrolledFactors;

/** The enrolled factors the policies judge, read in the caller's transaction (reads only: no transaction of its own). */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StoredFactors implements EnrolledFactors {

    @PersistenceContext
    EntityManager em;

    @Override
    public List<EnrolledFactor> of(long userId) {
        return em.createNamedQuery(Authenticator.OF_USER, Authenticator.class).setParameter("userId", userId)
                .getResultList().stream().map(Authenticator::asEnrolledFactor).toList();
    }

    @Override
    public Optional<EnrolledFactor> one(long userId, long authenticatorId) {
        return Optional.ofNullable(em.find(Authenticator.class, authenticatorId))
                .filter(factor -> factor.getUser().getId() == userId).map(Authenticator::asEnrolledFactor);
    }

    @Override
    public boolean hasUnusedRecoveryCodes(long userId) {
        return em.createNamedQuery(RecoveryCode.COUNT_UNUSED_OF_USER, Long.class).setParameter("userId", userId).getSingleResult() > 0;
    }

    @Override
    public Map<String, Long> keysPerModel() {
        Map<String, Long> keys = new HashMap<>();
        em.createQuery("select a.webAuthnAaguid, count(a) from Authenticator a where a.webAuthnAaguid is not null group by a.webAuthnAaguid",
                Object[].class).getResultList().forEach(row -> keys.merge((String) row[0], (Long) row[1], Long::sum));
        return keys;
    }
}
