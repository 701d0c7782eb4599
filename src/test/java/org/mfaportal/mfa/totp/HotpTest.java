package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HotpTest {

    private static final byte[] RFC_4226_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 4226 Appendix D. */
    @ParameterizedTest(name = "counter {0} -> {1}")
    @CsvSource({
            "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
            "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
    })
    void matchesEveryRfc4226AppendixDValue(long counter, String expected) {
        assertEquals(expected, Hotp.code(RFC_4226_SECRET, counter, 6, HmacAlgorithm.SHA1));
    }

    @Test
    void codesAreZeroPaddedToTheRequestedLength() {
        // Counter 1 with 8 digits is RFC 6238's "94287082" with the first test vector secret.
        assertEquals("94287082", Hotp.code(RFC_4226_SECRET, 1, 8, HmacAlgorithm.SHA1));
        for (long counter = 0; counter < 200; counter++) {
            assertEquals(7, Hotp.code(RFC_4226_SECRET, counter, 7, HmacAlgorithm.SHA1).length());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 5, 9, 10})
    void digitsOutsideSixToEightAreRejected(int digits) {
        assertThrows(IllegalArgumentException.class, () -> Hotp.code(RFC_4226_SECRET, 0, digits, HmacAlgorithm.SHA1));
    }

    @Test
    void emptyKeyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Hotp.code(new byte[0], 0, 6, HmacAlgorithm.SHA1));
        assertThrows(IllegalArgumentException.class, () -> Hotp.code(null, 0, 6, HmacAlgorithm.SHA1));
    }
}
