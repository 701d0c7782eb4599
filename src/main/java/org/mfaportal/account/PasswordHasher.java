package org.mfaportal.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.crypto.Argon2idPasswordHash;
import org.mfaportal.crypto.PasswordHashAlgorithm;
import org.mfaportal.crypto.SlowHashInterruptedException;
import org.mfaportal.crypto.SlowHashLimiter;

/**
 * Password hashes: PBKDF2-HMAC-SHA512 through the platform's {@link Pbkdf2PasswordHash}, or Argon2id
 * ({@link Argon2idPasswordHash}), as {@code mfa.password.algorithm} chooses for new hashes. A stored hash is verified
 * by the algorithm it names, so switching keeps every password working; {@link #needsUpgrade} then re-hashes it at
 * the next successful sign-in.
 *
 * <p>Every hash, including the decoy check, waits for the {@link SlowHashLimiter}: unbounded, concurrent sign-ins
 * would starve every other request of CPU (see there). The decoy check queues exactly like a real one, so waiting
 * time reveals nothing about which usernames exist either.
 *
 * <p>Passwords are hashed and verified in NFKC form ({@link PasswordPolicy#normalize}), the form the policy checks.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    PortalConfig config;

    Argon2idPasswordHash argon2 = new Argon2idPasswordHash(new Argon2idPasswordHash.Cost(19456, 2, 1));

    PasswordHashAlgorithm algorithm = PasswordHashAlgorithm.PBKDF2_SHA512;

    SlowHashLimiter limiter = SlowHashLimiter.shared();

    /** A hash of no one's password, verified when the username is unknown so that both cases cost the same. */
    private String decoyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(config.passwordIterations()),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        algorithm = config.passwordAlgorithm();
        argon2 = new Argon2idPasswordHash(config.argon2Cost());
        // made with the configured algorithm: an unknown username then costs what most known ones cost
        decoyHash = hash("decoy password that matches no input".toCharArray());
    }

    /** @throws SlowHashInterruptedException if interrupted while waiting to hash */
    public String hash(char[] password) {
        char[] normalized = PasswordPolicy.normalize(password).toCharArray();
        return limiter.compute(() -> algorithm == PasswordHashAlgorithm.ARGON2ID
                ? argon2.generate(normalized)
                : pbkdf2.generate(normalized));
    }

    /**
     * @throws SlowHashInterruptedException if interrupted while waiting to hash: never a "true" without a computed
     *         match, and never a "false" that would count as a wrong password
     */
    public boolean verify(char[] password, String storedHash) {
        char[] normalized = PasswordPolicy.normalize(password).toCharArray();
        return limiter.compute(() -> verifyNormalized(normalized, storedHash));
    }

    /**
     * Whether a stored hash was made with another algorithm than {@code mfa.password.algorithm}, or at a lower cost
     * than configured now: it is re-computed the next time its password is known, at a successful sign-in.
     */
    public boolean needsUpgrade(String storedHash) {
        if (algorithm == PasswordHashAlgorithm.ARGON2ID) {
            return argon2.needsUpgrade(storedHash);
        }
        return needsUpgrade(storedHash, config.passwordIterations());
    }

    private boolean verifyNormalized(char[] normalized, String storedHash) {
        return Argon2idPasswordHash.isArgon2id(storedHash)
                ? argon2.verify(normalized, storedHash)
                : pbkdf2.verify(normalized, storedHash);
    }

    static boolean needsUpgrade(String storedHash, int iterations) {
        String[] parts = storedHash.split(":");
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return true;
        }
        try {
            return Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException malformed) {
            return true;
        }
    }

    /**
     * Spends the time of a real verification without a stored hash, so response times do not reveal unknown usernames.
     *
     * @throws SlowHashInterruptedException if interrupted while waiting, as {@link #verify} does
     */
    public void verifyAgainstDecoy(char[] password) {
        char[] normalized = PasswordPolicy.normalize(password).toCharArray();
        limiter.compute(() -> verifyNormalized(normalized, decoyHash));
    }
}
