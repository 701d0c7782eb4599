package org.mfaportal.auth;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.SecondFactorResult.SecondFactorKind;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.mfa.webauthn.Ceremony;
import org.mfaportal.mfa.webauthn.RelyingParty;
import org.mfaportal.mfa.webauthn.WebAuthnRefusal;
import org.mfaportal.mfa.webauthn.WebAuthnService;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;

/** Pending sign-ins (PENDING_MFA): created after the password, ended by the second factor, expiry or cancel. */
@Stateless
public class PendingLoginService {

    /** Tokens are 43 characters; anything much longer is not one. */
    static final int MAX_TOKEN_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PortalConfig config;

    @Inject
    OneTimeCodeVerifier codes;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    WebAuthnService webAuthn;

    @Inject
    LockoutService lockout;

    @Inject
    AuditService audit;

    @Inject
    PolicyService policies;

    /** Starts a pending sign-in and returns its token: 256 random bits, of which only the hash is stored. */
    public String start(UserAccount user, Set<String> groups, ReturnPath returnPath) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        Instant now = clock.instant();
        em.persist(new PendingLogin(TokenDigest.of(encoded), em.getReference(UserAccount.class, user.getId()), groups, returnPath,
                now, now.plus(config.pendingLoginTimeout())));
        return encoded;
    }

    /**
     * The live pending sign-in for this token. Reads only (the second-factor page asks several times per request): an
     * expired one, or one of an account disabled meanwhile, is not live and cannot be completed (every completion
     * goes through here); its row goes with the purge below, or with the account's revocation.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<PendingLogin> find(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // a disabled account's pending sign-in ends like an expired one: the user learns nothing more
        return em.createNamedQuery(PendingLogin.BY_TOKEN_HASH, PendingLogin.class)
                .setParameter("tokenHash", TokenDigest.of(token))
                .getResultList()
                .stream()
                .findFirst()
                .filter(pending -> !pending.isExpiredAt(now) && pending.getUser().isEnabled());
    }

    /**
     * Checks one code, an authenticator-app code or a recovery code, against the user of the pending sign-in. On
     * success the pending sign-in is consumed (exactly once, even under concurrent attempts).
     */
    public SecondFactorResult verifySecondFactor(String token, String code) {
        return verify(token, user -> {
            Optional<FactorKind> kind = OneTimeCodeVerifier.kindOf(code);
            if (kind.isPresent() && !policies.acceptedAtSignIn(user).contains(kind.get())) {
                return Attempt.notAccepted(kind.get());
            }
            return new Attempt(codes.verify(user, code), null);
        });
    }

    /** Checks a security key's assertion (WebAuthn) against the keys of the pending sign-in's user. */
    public SecondFactorResult verifySecurityKey(String token, String challengeId, String assertionJson, RelyingParty rp) {
        return verify(token, user -> {
            try {
                WebAuthnService.Asserted asserted = webAuthn.verifyAssertion(Ceremony.SECOND_FACTOR, challengeId, user, assertionJson, rp);
                FactorKind kind = em.find(Authenticator.class, asserted.authenticatorId()).kind();
                if (!policies.acceptedAtSignIn(user).contains(kind)) {
                    return Attempt.notAccepted(kind);
                }
                if (!policies.acceptsKeyAtSignIn(user, asserted.authenticatorId())) {
                    return new Attempt(Optional.empty(), "policy.not-accepted.KEY_MODEL");
                }
                return new Attempt(Optional.of(SecondFactorKind.SECURITY_KEY), null);
            } catch (WebAuthnRefusal refusal) {
                return new Attempt(Optional.empty(), refusal.reason().messageKey());
            }
        });
    }

    /** The user of a live pending sign-in, for building security-key options. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<UserAccount> userOf(String token) {
        return find(token).map(PendingLogin::getUser);
    }

    /** The factor that matched, or why a security key was refused. */
    private record Attempt(Optional<SecondFactorKind> factor, String refusalMessageKey) {

        /** A kind the user's policy no longer accepts: refused without looking at it further, and counted. */
        static Attempt notAccepted(FactorKind kind) {
            return new Attempt(Optional.empty(), "policy.not-accepted." + kind.name());
        }
    }

    private SecondFactorResult verify(String token, Function<UserAccount, Attempt> check) {
        Optional<PendingLogin> found = find(token);
        if (found.isEmpty()) {
            return new SecondFactorResult.NoPendingLogin();
        }
        PendingLogin pending = found.get();
        UserAccount user = pending.getUser();
        Attempt attempt = check.apply(user);
        Optional<SecondFactorKind> factor = attempt.factor();
        if (factor.isPresent()) {
            if (!delete(pending)) {
                return new SecondFactorResult.NoPendingLogin();
            }
            lockout.secondFactorAccepted(user);
            audit.recordOwnInCallerTransaction(AuditEventType.SECOND_FACTOR_ACCEPTED, user.getUsername(), factor.get().kind().label());
            int recoveryCodesLeft = factor.get() == SecondFactorKind.RECOVERY_CODE ? recoveryCodes.unusedRecoveryCodes(user) : -1;
            return new SecondFactorResult.Verified(user.getUsername(), pending.getGroups(), pending.getReturnPath(), factor.get(), recoveryCodesLeft);
        }
        Optional<Integer> failures = countFailure(pending);
        if (failures.isEmpty()) {
            // completed, cancelled or ended by a concurrent request meanwhile
            return new SecondFactorResult.NoPendingLogin();
        }
        audit.recordOwn(AuditEventType.SECOND_FACTOR_REJECTED, user.getUsername(), "attempt " + failures.get());
        if (lockout.secondFactorFailed(user)) {
            delete(pending);
            return new SecondFactorResult.AccountLocked();
        }
        if (failures.get() >= config.maxSecondFactorAttempts()) {
            delete(pending);
            audit.recordOwn(AuditEventType.SECOND_FACTOR_ATTEMPTS_EXHAUSTED, user.getUsername());
            return new SecondFactorResult.AttemptsExhausted();
        }
        return new SecondFactorResult.Rejected(config.maxSecondFactorAttempts() - failures.get(), attempt.refusalMessageKey());
    }

    public void cancel(String token) {
        find(token).ifPresent(pending -> {
            delete(pending);
            audit.recordOwn(AuditEventType.SIGN_IN_CANCELLED, pending.getUser().getUsername());
        });
    }

    /** A sign-in that proved the old password, or an account now disabled, must not be completed by a code. */
    public void onAccessRevoked(@Observes AccountAccessRevoked revoked) {
        em.createNamedQuery(PendingLogin.DELETE_OF_USER).setParameter("user", revoked.user()).executeUpdate();
    }

    /** Abandoned sign-ins are removed, so the table stays as small as the number of people signing in right now. */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    public int purgeExpired() {
        return em.createNamedQuery(PendingLogin.DELETE_EXPIRED).setParameter("now", clock.instant()).executeUpdate();
    }

    /** The failures so far, this one included; empty when the pending sign-in no longer exists. */
    private Optional<Integer> countFailure(PendingLogin pending) {
        em.createNamedQuery(PendingLogin.COUNT_FAILURE).setParameter("id", pending.getId()).executeUpdate();
        return em.createNamedQuery(PendingLogin.FAILURES, Integer.class).setParameter("id", pending.getId()).getResultStream().findFirst();
    }

    private boolean delete(PendingLogin pending) {
        return em.createNamedQuery(PendingLogin.DELETE_BY_ID).setParameter("id", pending.getId()).executeUpdate() == 1;
    }

}
