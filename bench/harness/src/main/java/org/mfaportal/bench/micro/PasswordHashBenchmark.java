package org.mfaportal.bench.micro;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.mfaportal.crypto.Argon2idPasswordHash;

/**
 * The floor of every sign-in: one password check. Plain javax.crypto with the parameters the portal gives Jakarta
 * Security's Pbkdf2PasswordHash (PasswordHasher): PBKDF2-HMAC-SHA512, 210,000 iterations, 32-byte salt, 64-byte key.
 * A check recomputes the key from the stored salt, so a check and a new hash cost the same. Beside it the portal's
 * Argon2id option ({@code mfa.password.algorithm=argon2id}, Bouncy Castle) at its default cost and at Keycloak's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PasswordHashBenchmark {

    static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    static final int ITERATIONS = 210_000;
    static final int SALT_BYTES = 32;
    static final int KEY_BITS = 64 * 8;

    private final char[] password = "correct horse battery staple".toCharArray();
    private byte[] salt;

    @Setup
    public void newSalt() {
        salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
    }

    /** The portal's mfa.password.algorithm=argon2id at its default cost (OWASP: 19 MiB, 2 passes, 1 lane). */
    private final Argon2idPasswordHash argon2OwaspCost = new Argon2idPasswordHash(new Argon2idPasswordHash.Cost(19456, 2, 1));
    /** Keycloak 26's default Argon2id cost (7 MiB, 5 passes, 1 lane), for comparison with its own provider. */
    private final Argon2idPasswordHash argon2KeycloakCost = new Argon2idPasswordHash(new Argon2idPasswordHash.Cost(7168, 5, 1));

    @Benchmark
    public String argon2idPortalDefault() {
        return argon2OwaspCost.generate(password);
    }

    @Benchmark
    public String argon2idKeycloakDefaultCost() {
        return argon2KeycloakCost.generate(password);
    }

    @Benchmark
    public byte[] pbkdf2Sha512PasswordCheck() throws GeneralSecurityException {
        return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(new PBEKeySpec(password, salt, ITERATIONS, KEY_BITS)).getEncoded();
    }
}
