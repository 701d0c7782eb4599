package org.mfaportal.mfa.recovery;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.mfaportal.crypto.SlowHashInterruptedException;
import org.mfaportal.crypto.SlowHashLimiter;

/**
 * Slow salted hashes of recovery codes.
 *
 * <p>One salt is shared by all codes of a user's set, so checking a submitted code costs one
 * slow hash followed by cheap comparisons against each stored hash. With a salt per code, every
 * attempt would cost one slow hash per stored code, handing attackers a denial-of-service lever.
 * Sharing the salt within a set costs nothing: the codes are random, so no two hashes collide
 * by accident, and salts still differ between users.
 *
 * <p>Each hash waits for the {@link SlowHashLimiter} shared with password hashing: enrolment computes ten of them in a
 * row, and they compete for the same cores as the sign-ins.
 */
public final class RecoveryCodeHasher {

    /**
     * Why 210,000 PBKDF2-HMAC-SHA256 iterations: a recovery-code check must not cost more CPU than
     * a password check (PBKDF2-HMAC-SHA512, 210,000 iterations), or it becomes the cheaper lever
     * for exhausting the server. Which of the two is faster depends on the CPU: with SHA-NI
     * (SHA-256 in hardware) 600,000 SHA-256 iterations still take less time than the password check,
     * but without it SHA-256 iterations cost more than SHA-512 ones in the JVM, and only an equal
     * count stays below the password check on both kinds of hardware. Stretching adds little here
     * anyway: a code carries 80 random bits (RecoveryCodeFormat.ENTROPY_BITS), far beyond guessing
     * even at an unstretched hash; the slow hash only guards a stolen database in depth.
     */
    public static final int DEFAULT_ITERATIONS = 210_000;

    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;

    public RecoveryCodeHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("PBKDF2 iterations must be positive, was " + iterations);
        }
        this.iterations = iterations;
    }

    public int iterations() {
        return iterations;
    }

    public static byte[] newSalt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * Hashes a code in canonical form (see {@link RecoveryCodeFormat#normalize(String)}).
     * Accepting only the canonical form keeps "abcd-…" and "ABCD…" from hashing differently.
     *
     * @throws SlowHashInterruptedException if interrupted while waiting to hash (the code is then not checked at all)
     */
    public byte[] hash(String canonicalCode, byte[] salt) {
        boolean canonical = canonicalCode != null
                && RecoveryCodeFormat.normalize(canonicalCode).map(canonicalCode::equals).orElse(false);
        if (!canonical) {
            throw new IllegalArgumentException("Recovery code must be in canonical form (16 characters A-Z, 2-7,"
                    + " no dashes); call RecoveryCodeFormat.normalize first");
        }
        if (salt == null || salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("Salt must be at least " + SALT_BYTES + " bytes");
        }
        return SlowHashLimiter.shared().compute(() -> pbkdf2(canonicalCode, salt));
    }

    private byte[] pbkdf2(String canonicalCode, byte[] salt) {
        char[] password = canonicalCode.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(ALGORITHM + " is required by every Java platform but is unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(password, '\0');
        }
    }

    /** Constant-time comparison, so timing does not reveal how many leading bytes matched. */
    public static boolean matches(byte[] candidateHash, byte[] storedHash) {
        if (candidateHash == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(candidateHash, storedHash);
    }
}
