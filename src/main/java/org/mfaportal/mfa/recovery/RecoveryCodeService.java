package org.mfaportal.mfa.recovery;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.mfa.FactorNotAllowedException;
import org.mfaportal.policy.EffectivePolicy;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.notify.SecurityNotice;

/**
 * One-time recovery codes: the way in when the authenticator is lost. Codes are shown once when generated and stored
 * only as slow hashes; each is redeemed at most once, even under concurrent attempts.
 */
@Stateless
public class RecoveryCodeService {

    /** At or below this many unused codes the user is urged to generate a new set. */
    public static final int FEW_LEFT = 3;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Burnt when a user has no codes, so a redemption attempt costs the same either way. */
    private static final byte[] DECOY_SALT = RecoveryCodeHasher.newSalt(RANDOM);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @Inject
    PolicyService policies;

    @Inject
    Event<SecurityNotice> notices;

    /** A new set of {@code count} codes, in display form; the previous set stops working at once. */
    public List<String> generateRecoveryCodes(UserAccount user, int count) {
        deleteRecoveryCodes(user);
        RecoveryCodeHasher hasher = new RecoveryCodeHasher(RecoveryCodeHasher.DEFAULT_ITERATIONS);
        byte[] salt = RecoveryCodeHasher.newSalt(RANDOM);
        em.persist(new RecoveryCodeSet(user.getId(), Base64.getEncoder().encodeToString(salt), hasher.iterations(), clock.instant()));
        em.flush();
        List<String> codes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String code = RecoveryCodeFormat.generate(RANDOM);
            String canonical = RecoveryCodeFormat.normalize(code).orElseThrow();
            em.persist(new RecoveryCode(user.getId(), Base64.getEncoder().encodeToString(hasher.hash(canonical, salt))));
            codes.add(code);
        }
        audit.recordOwn(AuditEventType.RECOVERY_CODES_GENERATED, user.getUsername(), count + " codes");
        return codes;
    }

    /**
     * A new set of as many codes as the user's policy says.
     *
     * @throws FactorNotAllowedException when the user's policy does not allow recovery codes
     */
    public List<String> regenerateRecoveryCodes(UserAccount user) {
        EffectivePolicy policy = policies.effectiveFor(user);
        if (!policy.allows(FactorKind.RECOVERY_CODE)) {
            throw new FactorNotAllowedException(FactorKind.RECOVERY_CODE);
        }
        List<String> codes = generateRecoveryCodes(user, policy.recoveryCodes());
        notices.fire(new SecurityNotice(user, SecurityNotice.Kind.RECOVERY_CODES_REGENERATED, null));
        return codes;
    }

    /**
     * Uses up the matching unused code. Costs one slow hash whatever the input and however many codes are stored;
     * when two requests redeem the same code at once, exactly one succeeds.
     */
    public boolean redeemRecoveryCode(UserAccount user, String submitted) {
        Optional<String> canonical = RecoveryCodeFormat.normalize(submitted);
        RecoveryCodeSet set = em.find(RecoveryCodeSet.class, user.getId());
        if (canonical.isEmpty() || set == null) {
            new RecoveryCodeHasher(RecoveryCodeHasher.DEFAULT_ITERATIONS).hash("AAAAAAAAAAAAAAAA", DECOY_SALT);
            return false;
        }
        byte[] candidate = new RecoveryCodeHasher(set.getIterations()).hash(canonical.get(), Base64.getDecoder().decode(set.getSalt()));
        Long matchedId = null;
        for (RecoveryCode code : em.createNamedQuery(RecoveryCode.UNUSED_OF_USER, RecoveryCode.class)
                .setParameter("userId", user.getId()).getResultList()) {
            if (RecoveryCodeHasher.matches(candidate, Base64.getDecoder().decode(code.getCodeHash()))) {
                matchedId = code.getId();
            }
        }
        if (matchedId == null) {
            return false;
        }
        int claimed = em.createNamedQuery(RecoveryCode.MARK_USED)
                .setParameter("now", clock.instant())
                .setParameter("id", matchedId)
                .executeUpdate();
        if (claimed == 1) {
            int left = unusedRecoveryCodes(user);
            audit.recordOwn(AuditEventType.RECOVERY_CODE_USED, user.getUsername(), left + " left");
            notices.fire(new SecurityNotice(user, SecurityNotice.Kind.RECOVERY_CODE_USED, left + " unused recovery codes are left."));
        }
        return claimed == 1;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int unusedRecoveryCodes(UserAccount user) {
        return em.createNamedQuery(RecoveryCode.COUNT_UNUSED_OF_USER, Long.class)
                .setParameter("userId", user.getId())
                .getSingleResult()
                .intValue();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean hasRecoveryCodes(UserAccount user) {
        return em.find(RecoveryCodeSet.class, user.getId()) != null;
    }

    public void deleteRecoveryCodes(UserAccount user) {
        em.createNamedQuery(RecoveryCode.DELETE_OF_USER).setParameter("userId", user.getId()).executeUpdate();
        RecoveryCodeSet set = em.find(RecoveryCodeSet.class, user.getId());
        if (set != null) {
            em.remove(set);
            em.flush();
        }
    }
}
