package org.mfaportal.mfa.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RecoveryCodeHasherTest {

    /** Few iterations keep the suite fast; the algorithm is the same at any count. */
    private static final RecoveryCodeHasher FAST = new RecoveryCodeHasher(1_000);
    private static final String CODE = "ABCDEFGHIJKLMNOP";
    private static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void hashIsPbkdf2HmacSha256WithThirtyTwoBytesOfOutput() {
        // Independently computed: Python hashlib.pbkdf2_hmac('sha256', b'ABCDEFGHIJKLMNOP', bytes(range(16)), 1000, 32)
        assertEquals("37e81c6c01b9d41a8bdb43b24497ab0d30e7b325272a9d0c1827adef2afa909e",
                HexFormat.of().formatHex(FAST.hash(CODE, SALT)));
    }

    @Test
    void defaultIterationsMatchTheDocumentedValue() {
        RecoveryCodeHasher hasher = new RecoveryCodeHasher(RecoveryCodeHasher.DEFAULT_ITERATIONS);
        byte[] hash = null;
        long firstMillis = -1;
        long fastestMillis = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            hash = hasher.hash(CODE, SALT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            firstMillis = firstMillis < 0 ? millis : firstMillis;
            fastestMillis = Math.min(fastestMillis, millis);
        }
        // Printed, not asserted: timing depends on the machine (see DEFAULT_ITERATIONS).
        System.out.printf("RecoveryCodeHasher: one hash at %,d iterations took %d ms cold, %d ms fastest of 5%n",
                RecoveryCodeHasher.DEFAULT_ITERATIONS, firstMillis, fastestMillis);

        assertEquals(210_000, RecoveryCodeHasher.DEFAULT_ITERATIONS);
        // Python hashlib.pbkdf2_hmac('sha256', b'ABCDEFGHIJKLMNOP', bytes(range(16)), 210000, 32)
        assertEquals("21c93022f5211190625d74e146925ce08302e6d9b31037718e5aace6ab1e6f13",
                HexFormat.of().formatHex(hash));
    }

    @Test
    void sameCodeAndSaltGiveTheSameHash() {
        byte[] first = FAST.hash(CODE, SALT);
        byte[] second = FAST.hash(CODE, SALT.clone());
        assertEquals(RecoveryCodeHasher.HASH_BYTES, first.length);
        assertArrayEquals(first, second);
        assertTrue(RecoveryCodeHasher.matches(second, first));
    }

    @Test
    void differentSaltGivesADifferentHash() {
        byte[] otherSalt = RecoveryCodeHasher.newSalt(new SecureRandom());
        assertFalse(Arrays.equals(FAST.hash(CODE, SALT), FAST.hash(CODE, otherSalt)));
    }

    @Test
    void differentCodeGivesADifferentHash() {
        assertFalse(Arrays.equals(FAST.hash(CODE, SALT), FAST.hash("ABCDEFGHIJKLMNOQ", SALT)));
    }

    @Test
    void differentIterationCountsGiveDifferentHashes() {
        assertFalse(Arrays.equals(FAST.hash(CODE, SALT), new RecoveryCodeHasher(1_001).hash(CODE, SALT)));
    }

    @Test
    void oneHashOfTheSubmittedCodeIsCheckedAgainstEveryStoredHashOfTheSet() {
        SecureRandom random = new SecureRandom();
        byte[] setSalt = RecoveryCodeHasher.newSalt(random);
        String[] codes = new String[10];
        byte[][] stored = new byte[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = RecoveryCodeFormat.normalize(RecoveryCodeFormat.generate(random)).orElseThrow();
            stored[i] = FAST.hash(codes[i], setSalt);
        }

        byte[] submitted = FAST.hash(codes[7], setSalt);
        int matchCount = 0;
        for (byte[] storedHash : stored) {
            if (RecoveryCodeHasher.matches(submitted, storedHash)) {
                matchCount++;
            }
        }
        assertEquals(1, matchCount);
        assertTrue(RecoveryCodeHasher.matches(submitted, stored[7]));
    }

    @Test
    void matchesRejectsDifferentLengthsAndNulls() {
        byte[] hash = FAST.hash(CODE, SALT);
        byte[] flipped = hash.clone();
        flipped[31] ^= 1;
        assertFalse(RecoveryCodeHasher.matches(flipped, hash));
        assertFalse(RecoveryCodeHasher.matches(Arrays.copyOf(hash, 31), hash));
        assertFalse(RecoveryCodeHasher.matches(new byte[0], hash));
        assertFalse(RecoveryCodeHasher.matches(null, hash));
        assertFalse(RecoveryCodeHasher.matches(hash, null));
    }

    @Test
    void newSaltsAreSixteenRandomBytes() {
        SecureRandom random = new SecureRandom();
        byte[] first = RecoveryCodeHasher.newSalt(random);
        assertEquals(16, first.length);
        assertFalse(Arrays.equals(first, RecoveryCodeHasher.newSalt(random)));
    }

    @Test
    void nonCanonicalCodesAndShortSaltsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FAST.hash("abcdefghijklmnop", SALT));
        assertThrows(IllegalArgumentException.class, () -> FAST.hash("ABCD-EFGH-IJKL-MNOP", SALT));
        assertThrows(IllegalArgumentException.class, () -> FAST.hash(null, SALT));
        assertThrows(IllegalArgumentException.class, () -> FAST.hash(CODE, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> FAST.hash(CODE, null));
        assertThrows(IllegalArgumentException.class, () -> new RecoveryCodeHasher(0));
    }
}
