package org.mfaportal.mfa.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based one-time password parameters and verification.
 *
 * @param algorithm     HMAC hash function
 * @param digits        code length, 6 to 8
 * @param periodSeconds length of one time step (RFC 6238 §4.1 "X")
 */
public record Totp(HmacAlgorithm algorithm, int digits, int periodSeconds) {

    public static final HmacAlgorithm DEFAULT_ALGORITHM = HmacAlgorithm.SHA1;
    public static final int DEFAULT_DIGITS = 6;
    public static final int DEFAULT_PERIOD_SECONDS = 30;

    /**
     * Upper bound on the verification window. Each extra step is another code an attacker may
     * hit (RFC 6238 §5.2 recommends at most one step of network delay), and bounds the HMACs
     * computed per request.
     */
    public static final int MAX_TOLERANCE_STEPS = 10;

    public Totp {
        if (algorithm == null) {
            throw new IllegalArgumentException("TOTP algorithm must not be null");
        }
        Hotp.requireValidDigits(digits);
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("TOTP period must be positive, was " + periodSeconds);
        }
    }

    /** SHA1, 6 digits, 30 seconds: what every authenticator app supports (RFC 6238 §4.1, §5.2). */
    public static Totp defaults() {
        return new Totp(DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD_SECONDS);
    }

    /** RFC 6238 §4.2: T = floor((Unix time − T0) / X) with T0 = 0. */
    public long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), (long) periodSeconds);
    }

    public String codeAt(byte[] secret, long timeStep) {
        return Hotp.code(secret, timeStep, digits, algorithm);
    }

    public String codeAt(byte[] secret, Instant instant) {
        return codeAt(secret, timeStep(instant));
    }

    /**
     * Finds the time step within {@code now ± toleranceSteps} whose code equals
     * {@code submittedCode}, considering only steps after {@code lastAcceptedStep}.
     *
     * <p>The caller must persist the returned step as the new {@code lastAcceptedStep}: RFC 6238
     * §5.2 forbids accepting the same code twice, and refusing every step up to the last accepted
     * one also rejects older codes from the same window.
     *
     * @param lastAcceptedStep the step accepted last time, or {@link Long#MIN_VALUE} if none
     * @return the matching step, or empty if the code is malformed, wrong, or already used
     */
    public OptionalLong matchingTimeStep(
            byte[] secret, String submittedCode, Instant now, int toleranceSteps, long lastAcceptedStep) {
        if (toleranceSteps < 0 || toleranceSteps > MAX_TOLERANCE_STEPS) {
            throw new IllegalArgumentException(
                    "TOTP tolerance must be between 0 and " + MAX_TOLERANCE_STEPS + " steps, was " + toleranceSteps);
        }
        if (!isWellFormed(submittedCode, digits)) {
            return OptionalLong.empty();
        }
        byte[] submitted = submittedCode.getBytes(StandardCharsets.US_ASCII);
        long currentStep = timeStep(now);

        // Every step in the window is computed and compared, whether or not it was already used
        // or matched, so the response time does not reveal which step (if any) matched.
        // When several steps match (a 10^-digits collision) the latest wins, so replay protection
        // then blocks all of them.
        boolean found = false;
        long matchedStep = 0;
        for (long step = currentStep - toleranceSteps; step <= currentStep + toleranceSteps; step++) {
            byte[] expected = codeAt(secret, step).getBytes(StandardCharsets.US_ASCII);
            boolean codeMatches = MessageDigest.isEqual(expected, submitted);
            boolean notYetUsed = step > lastAcceptedStep;
            if (codeMatches & notYetUsed) {
                found = true;
                matchedStep = step;
            }
        }
        return found ? OptionalLong.of(matchedStep) : OptionalLong.empty();
    }

    /**
     * True when {@code code} is exactly {@code digits} ASCII digits. Unicode digits such as
     * '٣' or '１' are rejected: {@link Character#isDigit(char)} would accept them, but no
     * authenticator shows them and letting them through invites normalisation surprises.
     */
    public static boolean isWellFormed(String code, int digits) {
        Hotp.requireValidDigits(digits);
        if (code == null || code.length() != digits) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
