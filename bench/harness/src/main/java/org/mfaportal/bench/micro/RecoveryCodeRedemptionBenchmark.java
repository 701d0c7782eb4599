package org.mfaportal.bench.micro;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mfaportal.mfa.recovery.RecoveryCodeFormat;
import org.mfaportal.mfa.recovery.RecoveryCodeHasher;
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

/**
 * The CPU of one recovery-code attempt as RecoveryCodeService.redeemRecoveryCode spends it: normalise the typed code,
 * one slow hash with the set's shared salt, then a constant-time comparison with every one of the user's 10 stored
 * hashes. The target is that this costs no more than one password check ({@link PasswordHashBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RecoveryCodeRedemptionBenchmark {

    /** mfa.recovery-codes.count in the portal's defaults. */
    static final int CODES_PER_USER = 10;

    private final RecoveryCodeHasher hasher = new RecoveryCodeHasher(RecoveryCodeHasher.DEFAULT_ITERATIONS);
    private byte[] salt;
    private final List<byte[]> storedHashes = new ArrayList<>();
    private String typedValidCode;
    private String typedWrongCode;

    @Setup
    public void generateSet() {
        SecureRandom random = new SecureRandom();
        salt = RecoveryCodeHasher.newSalt(random);
        for (int i = 0; i < CODES_PER_USER; i++) {
            String code = RecoveryCodeFormat.generate(random);
            storedHashes.add(hasher.hash(RecoveryCodeFormat.normalize(code).orElseThrow(), salt));
            if (i == CODES_PER_USER - 1) {
                // As people type it: lower case, dashes.
                typedValidCode = code.toLowerCase();
            }
        }
        typedWrongCode = RecoveryCodeFormat.generate(random);
    }

    @Benchmark
    public boolean redeemValidCode() {
        return redeem(typedValidCode);
    }

    @Benchmark
    public boolean rejectWrongCode() {
        return redeem(typedWrongCode);
    }

    private boolean redeem(String typed) {
        byte[] candidate = hasher.hash(RecoveryCodeFormat.normalize(typed).orElseThrow(), salt);
        boolean matched = false;
        for (byte[] stored : storedHashes) {
            matched |= RecoveryCodeHasher.matches(candidate, stored);
        }
        return matched;
    }
}
