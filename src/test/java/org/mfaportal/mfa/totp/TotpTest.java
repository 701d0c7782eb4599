package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final byte[] SEED_SHA1 = ascii("12345678901234567890");
    private static final byte[] SEED_SHA256 = ascii("12345678901234567890123456789012");
    private static final byte[] SEED_SHA512 =
            ascii("1234567890123456789012345678901234567890123456789012345678901234");

    private static final Totp DEFAULTS = Totp.defaults();
    private static final byte[] SECRET = ascii("some 20-byte secret!");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:15Z");
    private static final long NOW_STEP = NOW.getEpochSecond() / 30;
    private static final long NEVER_USED = Long.MIN_VALUE;

    /** RFC 6238 Appendix B, every row. */
    @ParameterizedTest(name = "{1} at {0}s -> {2}")
    @CsvSource({
            "59,          SHA1,   94287082",
            "59,          SHA256, 46119246",
            "59,          SHA512, 90693936",
            "1111111109,  SHA1,   07081804",
            "1111111109,  SHA256, 68084774",
            "1111111109,  SHA512, 25091201",
            "1111111111,  SHA1,   14050471",
            "1111111111,  SHA256, 67062674",
            "1111111111,  SHA512, 99943326",
            "1234567890,  SHA1,   89005924",
            "1234567890,  SHA256, 91819424",
            "1234567890,  SHA512, 93441116",
            "2000000000,  SHA1,   69279037",
            "2000000000,  SHA256, 90698825",
            "2000000000,  SHA512, 38618901",
            "20000000000, SHA1,   65353130",
            "20000000000, SHA256, 77737706",
            "20000000000, SHA512, 47863826",
    })
    void matchesEveryRfc6238AppendixBRow(long unixSeconds, HmacAlgorithm algorithm, String expected) {
        Totp totp = new Totp(algorithm, 8, 30);
        byte[] seed = switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };
        Instant time = Instant.ofEpochSecond(unixSeconds);

        assertEquals(expected, totp.codeAt(seed, time));
        assertEquals(expected, totp.codeAt(seed, totp.timeStep(time)));
        assertEquals(OptionalLong.of(totp.timeStep(time)),
                totp.matchingTimeStep(seed, expected, time, 0, NEVER_USED));
    }

    @Test
    void timeStepFollowsRfc6238Section4() {
        assertEquals(1, DEFAULTS.timeStep(Instant.ofEpochSecond(59)));
        assertEquals(0x23523EC, DEFAULTS.timeStep(Instant.ofEpochSecond(1111111109)));
        assertEquals(0x27BC86AA, DEFAULTS.timeStep(Instant.ofEpochSecond(20000000000L)));
        assertEquals(-1, DEFAULTS.timeStep(Instant.ofEpochSecond(-1)));
        assertEquals(2, new Totp(HmacAlgorithm.SHA1, 6, 60).timeStep(Instant.ofEpochSecond(120)));
    }

    @Test
    void defaultsAreSha1SixDigitsThirtySeconds() {
        assertEquals(new Totp(HmacAlgorithm.SHA1, 6, 30), DEFAULTS);
        assertEquals(HmacAlgorithm.SHA1, DEFAULTS.algorithm());
        assertEquals(6, DEFAULTS.digits());
        assertEquals(30, DEFAULTS.periodSeconds());
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Totp(null, 6, 30));
        assertThrows(IllegalArgumentException.class, () -> new Totp(HmacAlgorithm.SHA1, 5, 30));
        assertThrows(IllegalArgumentException.class, () -> new Totp(HmacAlgorithm.SHA1, 9, 30));
        assertThrows(IllegalArgumentException.class, () -> new Totp(HmacAlgorithm.SHA1, 6, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.matchingTimeStep(SECRET, "123456", NOW, -1, NEVER_USED));
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.matchingTimeStep(SECRET, "123456", NOW, Totp.MAX_TOLERANCE_STEPS + 1, NEVER_USED));
    }

    @Test
    void currentCodeIsMatchedToTheCurrentStep() {
        String code = DEFAULTS.codeAt(SECRET, NOW);
        assertEquals(OptionalLong.of(NOW_STEP), DEFAULTS.matchingTimeStep(SECRET, code, NOW, 1, NEVER_USED));
    }

    @Test
    void codesOneStepEarlierOrLaterAreAcceptedWithToleranceOne() {
        String previous = DEFAULTS.codeAt(SECRET, NOW_STEP - 1);
        String next = DEFAULTS.codeAt(SECRET, NOW_STEP + 1);

        assertEquals(OptionalLong.of(NOW_STEP - 1), DEFAULTS.matchingTimeStep(SECRET, previous, NOW, 1, NEVER_USED));
        assertEquals(OptionalLong.of(NOW_STEP + 1), DEFAULTS.matchingTimeStep(SECRET, next, NOW, 1, NEVER_USED));
    }

    @Test
    void codesTwoStepsAwayAreRejectedWithToleranceOne() {
        String twoBefore = DEFAULTS.codeAt(SECRET, NOW_STEP - 2);
        String twoAfter = DEFAULTS.codeAt(SECRET, NOW_STEP + 2);
        requireCodeAbsentFromSteps(twoBefore, NOW_STEP - 1, NOW_STEP + 1);
        requireCodeAbsentFromSteps(twoAfter, NOW_STEP - 1, NOW_STEP + 1);

        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, twoBefore, NOW, 1, NEVER_USED));
        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, twoAfter, NOW, 1, NEVER_USED));
    }

    @Test
    void toleranceZeroAcceptsOnlyTheCurrentStep() {
        String previous = DEFAULTS.codeAt(SECRET, NOW_STEP - 1);
        requireCodeAbsentFromSteps(previous, NOW_STEP, NOW_STEP);

        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, previous, NOW, 0, NEVER_USED));
    }

    @Test
    void replayedStepIsNeverMatched() {
        String code = DEFAULTS.codeAt(SECRET, NOW);
        long accepted = DEFAULTS.matchingTimeStep(SECRET, code, NOW, 1, NEVER_USED).orElseThrow();

        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, code, NOW, 1, accepted));
        // Still refused after the clock moved on, while the step is inside the window.
        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, code, NOW.plusSeconds(30), 1, accepted));
    }

    @Test
    void stepsBeforeTheLastAcceptedStepAreNeverMatched() {
        String previous = DEFAULTS.codeAt(SECRET, NOW_STEP - 1);
        requireCodeAbsentFromSteps(previous, NOW_STEP + 1, NOW_STEP + 1);

        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, previous, NOW, 1, NOW_STEP));
    }

    @Test
    void aLaterStepIsStillMatchedAfterAnEarlierOneWasAccepted() {
        String next = DEFAULTS.codeAt(SECRET, NOW_STEP + 1);
        assertEquals(OptionalLong.of(NOW_STEP + 1), DEFAULTS.matchingTimeStep(SECRET, next, NOW, 1, NOW_STEP));
    }

    @Test
    void wrongCodeIsNotMatched() {
        String code = DEFAULTS.codeAt(SECRET, NOW);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        requireCodeAbsentFromSteps(wrong, NOW_STEP - 1, NOW_STEP + 1);

        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, wrong, NOW, 1, NEVER_USED));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "12345", "1234567", "12345a", "abcdef", " 123456", "123456 ", "12 456", "+12345", "-12345",
            "١٢٣٤٥٦", "12345٣", "１２３４５６", "12345６", "123\t45",
    })
    void malformedCodesAreNeverMatched(String submitted) {
        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(SECRET, submitted, NOW, 1, NEVER_USED));
        assertFalse(Totp.isWellFormed(submitted, 6));
    }

    @Test
    void malformedCodesAreRejectedBeforeAnyHmacIsComputed() {
        // A null secret would make any HMAC computation throw, so returning empty proves none ran.
        assertEquals(OptionalLong.empty(), DEFAULTS.matchingTimeStep(null, "١٢٣٤٥٦", NOW, 1, NEVER_USED));
    }

    @Test
    void wellFormedMeansExactlyTheConfiguredNumberOfAsciiDigits() {
        assertTrue(Totp.isWellFormed("000000", 6));
        assertTrue(Totp.isWellFormed("12345678", 8));
        assertFalse(Totp.isWellFormed("123456", 8));
        assertThrows(IllegalArgumentException.class, () -> Totp.isWellFormed("1234", 4));
    }

    /**
     * Guards the fixed test data: if SECRET happened to give {@code code} at another step of the
     * range as well, a "not matched" assertion would fail for the wrong reason.
     */
    private static void requireCodeAbsentFromSteps(String code, long fromStep, long toStep) {
        for (long step = fromStep; step <= toStep; step++) {
            if (DEFAULTS.codeAt(SECRET, step).equals(code)) {
                throw new AssertionError("test data collision: code " + code + " also occurs at step " + step
                        + "; choose another SECRET or NOW");
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
