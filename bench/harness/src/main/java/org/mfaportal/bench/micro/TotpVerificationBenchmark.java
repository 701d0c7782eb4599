package org.mfaportal.bench.micro;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.mfaportal.mfa.totp.Totp;
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
 * The pure part of an authenticator-app check: {@link Totp#matchingTimeStep} with the portal's default tolerance of one
 * step, i.e. three HMAC-SHA1 codes computed and compared. A right and a wrong code cost the same by design (every step
 * of the window is computed), which the two benchmarks show.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TotpVerificationBenchmark {

    /** mfa.totp.tolerance in the portal's defaults. */
    static final int TOLERANCE_STEPS = 1;

    private final Totp totp = Totp.defaults();
    private final Instant now = Instant.parse("2026-11-30T09:00:10Z");
    private byte[] secret;
    private String currentCode;
    private String wrongCode;

    @Setup
    public void enrol() {
        secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        currentCode = totp.codeAt(secret, now);
        wrongCode = String.format("%06d", (Integer.parseInt(currentCode) + 500_000) % 1_000_000);
    }

    @Benchmark
    public OptionalLong acceptCurrentCode() {
        return totp.matchingTimeStep(secret, currentCode, now, TOLERANCE_STEPS, Long.MIN_VALUE);
    }

    @Benchmark
    public OptionalLong rejectWrongCode() {
        return totp.matchingTimeStep(secret, wrongCode, now, TOLERANCE_STEPS, Long.MIN_VALUE);
    }
}
