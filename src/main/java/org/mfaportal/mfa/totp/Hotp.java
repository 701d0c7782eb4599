package org.mfaportal.mfa.totp;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 4226 HMAC-based one-time password. */
public final class Hotp {

    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 8;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Hotp() {
    }

    public static String code(byte[] key, long counter, int digits, HmacAlgorithm algorithm) {
        requireValidDigits(digits);
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("HOTP key must not be null or empty");
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("HOTP algorithm must not be null");
        }
        byte[] hmac = hmac(key, counterBytes(counter), algorithm);

        // RFC 4226 §5.3 dynamic truncation: the low nibble of the last byte picks the offset,
        // and the top bit is masked so the result is the same for signed and unsigned readers.
        int offset = hmac[hmac.length - 1] & 0x0F;
        int binary = ((hmac[offset] & 0x7F) << 24)
                | ((hmac[offset + 1] & 0xFF) << 16)
                | ((hmac[offset + 2] & 0xFF) << 8)
                | (hmac[offset + 3] & 0xFF);
        int otp = binary % POWERS_OF_TEN[digits];

        String unpadded = Integer.toString(otp);
        return "0".repeat(digits - unpadded.length()) + unpadded;
    }

    static void requireValidDigits(int digits) {
        // RFC 4226 §5.3 requires at least 6 digits; more than 8 is not interoperable.
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException(
                    "OTP digits must be between " + MIN_DIGITS + " and " + MAX_DIGITS + ", was " + digits);
        }
    }

    /** RFC 4226 §5.2: the counter is an 8-byte big-endian value. */
    private static byte[] counterBytes(long counter) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) counter;
            counter >>>= 8;
        }
        return bytes;
    }

    private static byte[] hmac(byte[] key, byte[] message, HmacAlgorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is required by every Java platform but is missing", e);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("HOTP key rejected by " + algorithm.jcaName(), e);
        }
    }
}
