package org.mfaportal.account;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mfaportal.account.AccountToken.Purpose;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.crypto.TokenDigest;

/**
 * Single-use tokens for links mailed to users: issue (the newest one of a purpose is the only open one), look at
 * without using (to show the form), redeem exactly once (atomic, in the caller's transaction), cancel, purge.
 */
@Stateless
public class AccountTokenService {

    /** 32 random bytes, base64url without padding. */
    static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PortalConfig config;

    /**
     * A new token for the user; the earlier unused ones of this purpose stop working. The token is returned here once
     * and stored only as its hash.
     *
     * @param createdBy the admin who issued it; null when the user asked for it
     */
    public String issue(UserAccount user, Purpose purpose, String createdBy) {
        // one issuer at a time per user, so that two concurrent requests cannot both leave an open token
        UserAccount locked = em.find(UserAccount.class, user.getId(), LockModeType.PESSIMISTIC_WRITE);
        cancelOpen(locked, purpose);
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        em.persist(new AccountToken(TokenDigest.of(token), purpose, locked, now, now.plus(validity(purpose)), createdBy));
        return token;
    }

    /** The user of an open (unused, unexpired) token of this purpose, without using it: to show the form. */
    public Optional<UserAccount> check(String token, Purpose purpose) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        return em.createNamedQuery(AccountToken.OPEN_BY_HASH, AccountToken.class)
                .setParameter("tokenHash", TokenDigest.of(token))
                .setParameter("purpose", purpose)
                .setParameter("now", clock.instant())
                .getResultStream()
                .findFirst()
                .map(AccountToken::getUser);
    }

    /**
     * Uses the token: the user it was issued for, exactly once, even when several requests present it at the same
     * time (a conditional update; one wins). Runs in the caller's transaction, so a failure after it leaves the
     * token unused.
     */
    public Optional<UserAccount> redeem(String token, Purpose purpose) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        String tokenHash = TokenDigest.of(token);
        int claimed = em.createNamedQuery(AccountToken.REDEEM)
                .setParameter("now", clock.instant())
                .setParameter("tokenHash", tokenHash)
                .setParameter("purpose", purpose)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        return em.createNamedQuery(AccountToken.USER_BY_HASH, UserAccount.class)
                .setParameter("tokenHash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    /** Ends the user's open tokens of this purpose (a cancelled invitation); returns how many there were. */
    public int cancelOpen(UserAccount user, Purpose purpose) {
        return em.createNamedQuery(AccountToken.DELETE_OPEN)
                .setParameter("userId", user.getId())
                .setParameter("purpose", purpose)
                .executeUpdate();
    }

    /** Until when the user's open token of this purpose works; empty when there is none. */
    public Optional<Instant> openUntil(UserAccount user, Purpose purpose) {
        return Optional.ofNullable(em.createNamedQuery(AccountToken.OPEN_UNTIL, Instant.class)
                .setParameter("userId", user.getId())
                .setParameter("purpose", purpose)
                .setParameter("now", clock.instant())
                .getSingleResult());
    }

    public Duration validity(Purpose purpose) {
        return switch (purpose) {
            case INVITATION -> config.invitationValidity();
            case PASSWORD_RESET -> config.passwordResetValidity();
        };
    }

    /** Used and expired tokens are deleted: they can never work again. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    public int purgeSpent() {
        return em.createNamedQuery(AccountToken.DELETE_SPENT).setParameter("now", clock.instant()).executeUpdate();
    }

    static boolean isWellFormed(String token) {
        return token != null && TOKEN_SHAPE.matcher(token).matches();
    }
}
