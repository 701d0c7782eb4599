package org.mfaportal.mfa.totp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * RFC 4648 §6 Base32 with the standard alphabet {@code A–Z2–7}.
 *
 * <p>Encoding omits padding because authenticator apps expect the otpauth {@code secret}
 * parameter without it. Decoding is lenient about case, spaces and trailing padding, since
 * users copy secrets by hand, but strict about everything else.
 */
public final class Base32 {

    /** RFC 4648 §6 Table 3. */
    public static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static final int BITS_PER_CHAR = 5;
    private static final int NOT_IN_ALPHABET = -1;
    private static final int[] VALUE_OF_ASCII = buildDecodeTable();

    private Base32() {
    }

    public static String encode(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("Base32: cannot encode null");
        }
        StringBuilder out = new StringBuilder((data.length * 8 + BITS_PER_CHAR - 1) / BITS_PER_CHAR);
        int buffer = 0;
        int bitsInBuffer = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bitsInBuffer += 8;
            while (bitsInBuffer >= BITS_PER_CHAR) {
                bitsInBuffer -= BITS_PER_CHAR;
                out.append(ALPHABET.charAt((buffer >>> bitsInBuffer) & 0x1F));
            }
            buffer &= (1 << bitsInBuffer) - 1;
        }
        if (bitsInBuffer > 0) {
            // RFC 4648 §6: the final partial quantum is padded with zero bits on the right.
            out.append(ALPHABET.charAt((buffer << (BITS_PER_CHAR - bitsInBuffer)) & 0x1F));
        }
        return out.toString();
    }

    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Base32: cannot decode null");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '=' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * BITS_PER_CHAR / 8);
        int buffer = 0;
        int bitsInBuffer = 0;
        int significantChars = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                continue;
            }
            int value = c < VALUE_OF_ASCII.length ? VALUE_OF_ASCII[c] : NOT_IN_ALPHABET;
            if (value == NOT_IN_ALPHABET) {
                throw new IllegalArgumentException(
                        "Base32: invalid character " + describe(c) + " at index " + i
                                + "; only A-Z, 2-7, spaces and trailing '=' are allowed");
            }
            significantChars++;
            buffer = (buffer << BITS_PER_CHAR) | value;
            bitsInBuffer += BITS_PER_CHAR;
            if (bitsInBuffer >= 8) {
                bitsInBuffer -= 8;
                out.write((buffer >>> bitsInBuffer) & 0xFF);
                buffer &= (1 << bitsInBuffer) - 1;
            }
        }
        // RFC 4648 §6: a final quantum yields 2, 4, 5 or 7 characters; 1, 3 or 6 leftover
        // characters cannot come from any byte sequence.
        int leftover = significantChars % 8;
        if (leftover == 1 || leftover == 3 || leftover == 6) {
            throw new IllegalArgumentException(
                    "Base32: impossible length of " + significantChars
                            + " characters (a valid encoding never ends with 1, 3 or 6 characters in its last group of 8)");
        }
        return out.toByteArray();
    }

    private static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private static int[] buildDecodeTable() {
        int[] table = new int[128];
        Arrays.fill(table, NOT_IN_ALPHABET);
        for (int i = 0; i < ALPHABET.length(); i++) {
            char upper = ALPHABET.charAt(i);
            table[upper] = i;
            table[Character.toLowerCase(upper)] = i;
        }
        return table;
    }
}
