package org.mfaportal.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.crypto.SlowHashInterruptedException;
import org.mfaportal.crypto.SlowHashLimiter;

/**
 * PBKDF2-HMAC-SHA512 password hashes through the platform's {@link Pbkdf2PasswordHash}.
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
        decoyHash = hash("decoy password that matches no input".toCharArray());
    }

    /** @throws SlowHashInterruptedException if interrupted while waiting to hash */
    public String hash(char[] password) {
        char[] normalized = PasswordPolicy.normalize(password).toCharArray();
        return limiter.compute(() -> pbkdf2.generate(normalized));
    }

    /**
     * @throws SlowHashInterruptedException if interrupted while waiting to hash: never a "true" without a computed
     *         match, and never a "false" that would count as a wrong password
     */
    public boolean verify(char[] password, String storedHash) {
        char[] normalized = PasswordPolicy.normalize(password).toCharArray();
        return limiter.compute(() -> pbkdf2.verify(normalized, storedHash));
    }

    /**
     * Whether a stored hash was made with fewer iterations than {@code mfa.password.iterations} now asks for (or
     * another algorithm): it is re-computed the next time its password is known, at a successful sign-in.
     */
    public boolean needsUpgrade(String storedHash) {
        return needsUpgrade(storedHash, config.passwordIterations());
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
        limiter.compute(() -> pbkdf2.verify(normalized, decoyHash));
    }
}
