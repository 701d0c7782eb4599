package org.mfaportal.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.mfaportal.mfa.FactorsChanged;

/**
 * Clears what an account had to do before anything else, in the transaction that did it: the bootstrap admin's
 * password change (a changed or reset password ends it) and the first factor (the first one added ends it).
 */
@ApplicationScoped
public class FirstSignInRequirements {

    @PersistenceContext
    EntityManager em;

    void onPasswordChanged(@Observes AccountAccessRevoked revoked) {
        if (revoked.reason() == AccountAccessRevoked.Reason.PASSWORD_CHANGED || revoked.reason() == AccountAccessRevoked.Reason.PASSWORD_RESET) {
            em.createQuery("update UserAccount u set u.mustChangePassword = false where u.id = :id and u.mustChangePassword = true")
                    .setParameter("id", revoked.user().getId()).executeUpdate();
        }
    }

    void onFactorAdded(@Observes FactorsChanged change) {
        if (change.added()) {
            em.createQuery("update UserAccount u set u.mustEnrolFactor = false where u.id = :id and u.mustEnrolFactor = true")
                    .setParameter("id", change.user().getId()).executeUpdate();
        }
    }
}
