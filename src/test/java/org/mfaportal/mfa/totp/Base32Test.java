package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    /** RFC 4648 §10 test vectors; the padded form is what the RFC prints. */
    @ParameterizedTest(name = "\"{0}\" <-> {1}")
    @CsvSource(value = {
            "'',           ''",
            "f,            MY======",
            "fo,           MZXQ====",
            "foo,          MZXW6===",
            "foob,         MZXW6YQ=",
            "fooba,        MZXW6YTB",
            "foobar,       MZXW6YTBOI======",
    })
    void matchesEveryRfc4648TestVector(String plain, String paddedEncoding) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        String unpadded = paddedEncoding.replace("=", "");

        assertEquals(unpadded, Base32.encode(bytes));
        assertArrayEquals(bytes, Base32.decode(paddedEncoding));
        assertArrayEquals(bytes, Base32.decode(unpadded));
    }

    @Test
    void encodingNeverContainsPadding() {
        assertEquals("MY", Base32.encode(new byte[] {'f'}));
    }

    @Test
    void roundTripsRandomDataOfEveryLengthUpTo64Bytes() {
        Random random = new SecureRandom();
        for (int length = 0; length <= 64; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String encoded = Base32.encode(data);
            assertTrue(encoded.matches("[A-Z2-7]*"), encoded);
            assertArrayEquals(data, Base32.decode(encoded), "length " + length);
        }
    }

    @Test
    void decodingAcceptsLowerCaseAndSpaces() {
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb oi"));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("MzXw6YtBoI======"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW1YTB", "MZXW8YTB", "MZXW0YTB", "MZ-XW6YTB", "MZXW6YTB\n", "MZ=XW6YTB", "MZXW\tYTB", "MZXWÖYTB", "MZXW٣YTB"})
    void decodingRejectsCharactersOutsideTheAlphabet(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
        assertTrue(error.getMessage().contains("invalid character"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "MZX", "MZXW6Y", "MZXW6YTBO", "M======="})
    void decodingRejectsLengthsNoEncodingCanProduce(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
        assertTrue(error.getMessage().contains("impossible length"), error.getMessage());
    }

    @Test
    void nullIsRejectedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(null));
        assertThrows(IllegalArgumentException.class, () -> Base32.encode(null));
    }
}
