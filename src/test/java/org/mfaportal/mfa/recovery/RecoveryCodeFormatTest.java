package org.mfaportal.mfa.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mfaportal.mfa.totp.Base32;

class RecoveryCodeFormatTest {

    private static final Pattern DISPLAY_FORMAT = Pattern.compile("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}");
    private static final String CANONICAL = "ABCD2345EFGH67XY";

    @Test
    void generatedCodesAreFourDashSeparatedGroupsOfFourBase32Characters() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            String code = RecoveryCodeFormat.generate(random);
            assertTrue(DISPLAY_FORMAT.matcher(code).matches(), code);
        }
    }

    @Test
    void generatedCodesCarryEightyBitsOfEntropy() {
        assertEquals(80, RecoveryCodeFormat.ENTROPY_BITS);
        // 16 characters of a 32-letter alphabet, 5 bits each.
        assertEquals(RecoveryCodeFormat.ENTROPY_BITS, RecoveryCodeFormat.CANONICAL_LENGTH * 5);
    }

    @Test
    void generatedCodesNormalizeToTheirCanonicalForm() {
        String code = RecoveryCodeFormat.generate(new SecureRandom());
        assertEquals(Optional.of(code.replace("-", "")), RecoveryCodeFormat.normalize(code));
    }

    @Test
    void tenThousandGeneratedCodesAreDistinctAndUniformlyDistributed() {
        SecureRandom random = new SecureRandom();
        int codes = 10_000;
        Set<String> seen = new HashSet<>();
        long[] counts = new long[32];
        for (int i = 0; i < codes; i++) {
            String canonical = RecoveryCodeFormat.normalize(RecoveryCodeFormat.generate(random)).orElseThrow();
            assertTrue(seen.add(canonical), "duplicate code " + canonical);
            for (char c : canonical.toCharArray()) {
                counts[Base32.ALPHABET.indexOf(c)]++;
            }
        }
        double expected = codes * 16.0 / 32;
        double chiSquare = 0;
        for (long count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 31 degrees of freedom: mean 31, standard deviation ~7.9. A true uniform source exceeds
        // 110 with probability below 1e-9, while a real bias (e.g. a dropped letter) gives thousands.
        assertTrue(chiSquare < 110, "chi-square " + chiSquare);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ABCD2345EFGH67XY",
            "abcd2345efgh67xy",
            "AbCd-2345-eFgH-67xY",
            "ABCD 2345 EFGH 67XY",
            "  abcd-2345 efgh-67xy  ",
            "ABCD\t2345\tEFGH\t67XY",
            "A-B-C-D-2-3-4-5-E-F-G-H-6-7-X-Y",
    })
    void normalizeAcceptsAnyCaseWithDashesSpacesAndTabs(String typed) {
        assertEquals(Optional.of(CANONICAL), RecoveryCodeFormat.normalize(typed));
    }

    @Test
    void normalizeAcceptsUpToSixtyFourCharactersOfInput() {
        String padded = CANONICAL + " ".repeat(48);
        assertEquals(64, padded.length());
        assertEquals(Optional.of(CANONICAL), RecoveryCodeFormat.normalize(padded));
        assertEquals(Optional.empty(), RecoveryCodeFormat.normalize(padded + " "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "ABCD-2345-EFGH-67X",      // 15 characters
            "ABCD-2345-EFGH-67XYZ",    // 17 characters
            "ABCD-2345-EFGH-67X0",     // digits 0, 1, 8, 9 are not Base32
            "ABCD-2345-EFGH-67X1",
            "ABCD-2345-EFGH-67X8",
            "ABCD-2345-EFGH-67X9",
            "ABCD_2345_EFGH_67XY",
            "ABCD.2345.EFGH.67XY",
            "ABCD\n2345EFGH67XY",
            "ABCD\u00A02345EFGH67XY",  // no-break space
            "ABCD2345EFGH67Xſ",        // long s upper-cases to 'S'
            "ABCD2345EFGH67Xı",        // dotless i upper-cases to 'I'
            "ABCD2345EFGH67XＹ",       // fullwidth Y
            "ABCD2345EFGH67XΥ",        // Greek capital upsilon
            "ABCD2345EFGH67X٣",
            "----------------",
    })
    void normalizeRejectsAnythingThatIsNotSixteenBase32Characters(String typed) {
        assertEquals(Optional.empty(), RecoveryCodeFormat.normalize(typed));
    }

    @Test
    void normalizeRejectsOverlongInputEvenIfItWouldShrinkToSixteenCharacters() {
        assertEquals(Optional.empty(), RecoveryCodeFormat.normalize("-".repeat(60) + CANONICAL));
    }

    @Test
    void displayRegroupsTheCanonicalForm() {
        assertEquals("ABCD-2345-EFGH-67XY", RecoveryCodeFormat.display(CANONICAL));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abcd2345efgh67xy", "ABCD-2345-EFGH-67XY", "ABCD2345EFGH67X", "ABCD2345EFGH67X0"})
    void displayRejectsInputThatIsNotCanonical(String notCanonical) {
        assertThrows(IllegalArgumentException.class, () -> RecoveryCodeFormat.display(notCanonical));
    }
}
