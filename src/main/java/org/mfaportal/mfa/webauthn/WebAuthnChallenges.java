package org.mfaportal.mfa.webauthn;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and claims ceremony challenges. Claiming commits on its own, so a challenge is spent even when the response
 * it came with is refused: a failed response cannot be retried against the same challenge.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebAuthnChallenges {

    /** How long the browser may take; W3C WebAuthn recommends 300 s to 600 s for ceremonies with user verification. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** WebAuthn §13.4.3 asks for at least 16 random bytes. */
    static final int CHALLENGE_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** A challenge for one ceremony; returns its id, which the caller keeps in the user's session. */
    public WebAuthnChallenge issue(Ceremony ceremony, Long userId) {
        Instant now = clock.instant();
        WebAuthnChallenge challenge = new WebAuthnChallenge(randomBase64Url(32), ceremony, randomBase64Url(CHALLENGE_BYTES), userId, now, now.plus(LIFETIME));
        em.persist(challenge);
        return challenge;
    }

    /**
     * Spends the challenge and returns it when it was live and issued for this ceremony and user; a challenge presented
     * for the wrong ceremony is spent all the same.
     */
    public Optional<WebAuthnChallenge> claim(String id, Ceremony ceremony, Long userId) {
        WebAuthnChallenge challenge = id == null || id.length() > 64 ? null : em.find(WebAuthnChallenge.class, id);
        if (challenge == null || em.createNamedQuery(WebAuthnChallenge.CLAIM).setParameter("id", id).executeUpdate() != 1) {
            return Optional.empty();
        }
        boolean valid = !challenge.isExpiredAt(clock.instant()) && challenge.getCeremony() == ceremony && Objects.equals(challenge.getUserId(), userId);
        return valid ? Optional.of(challenge) : Optional.empty();
    }

    /** Challenges nobody answered are removed, so the table holds only ceremonies in progress. */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    public int purgeExpired() {
        return em.createNamedQuery(WebAuthnChallenge.DELETE_EXPIRED).setParameter("now", clock.instant()).executeUpdate();
    }

    static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
