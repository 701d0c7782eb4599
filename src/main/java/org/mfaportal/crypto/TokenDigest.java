package org.mfaportal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the portal stores of a value it must recognise but never reveal: sign-in, session, trusted-browser,
 * invitation and reset tokens, and the keys of throttling counters. A high-entropy random token needs no salt or
 * slow hash (guessing one is as hard as guessing the token), and a copy of the table gives away no usable token.
 * Low-entropy values (passwords, recovery codes) need {@code PasswordHasher} or {@code RecoveryCodeHasher} instead.
 */
public final class TokenDigest {

    private TokenDigest() {
    }

    /** SHA-256 of the UTF-8 bytes, Base64url without padding (43 characters). */
    public static String of(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(value));
    }

    /** SHA-256 of the UTF-8 bytes in lower-case hex (64 characters), the form the OpenID Connect requests store. */
    public static String hexOf(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
