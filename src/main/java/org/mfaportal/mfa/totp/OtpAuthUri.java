package org.mfaportal.mfa.totp;

import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code otpauth://totp/...} key URI that authenticator apps read from a QR code
 * (Google Authenticator "Key Uri Format").
 */
public final class OtpAuthUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {
    }

    public static String of(String issuer, String accountName, byte[] secret, Totp totp) {
        requireText(issuer, "issuer");
        requireText(accountName, "accountName");
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("otpauth secret must not be null or empty");
        }
        if (totp == null) {
            throw new IllegalArgumentException("otpauth TOTP parameters must not be null");
        }
        String encodedIssuer = percentEncode(issuer);
        // The issuer appears both as label prefix and as parameter: older apps read only the
        // prefix, newer ones prefer the parameter.
        StringBuilder uri = new StringBuilder("otpauth://totp/")
                .append(encodedIssuer).append(':').append(percentEncode(accountName))
                .append("?secret=").append(Base32.encode(secret))
                .append("&issuer=").append(encodedIssuer);
        // Defaults are left out because some apps reject or ignore non-default parameters they
        // do not support, and a shorter URI gives a less dense QR code.
        if (totp.algorithm() != Totp.DEFAULT_ALGORITHM) {
            uri.append("&algorithm=").append(totp.algorithm().uriName());
        }
        if (totp.digits() != Totp.DEFAULT_DIGITS) {
            uri.append("&digits=").append(totp.digits());
        }
        if (totp.periodSeconds() != Totp.DEFAULT_PERIOD_SECONDS) {
            uri.append("&period=").append(totp.periodSeconds());
        }
        return uri.toString();
    }

    /**
     * Percent-encodes UTF-8 bytes, leaving only RFC 3986 §2.3 unreserved characters and '@'
     * (legal in both path and query, §3.3/§3.4, and shown literally in e-mail account names).
     * Unlike {@link java.net.URLEncoder} (HTML form encoding), a space becomes %20, never '+',
     * which apps would display literally. ':' is encoded so it cannot be mistaken for the
     * issuer/account separator.
     */
    static String percentEncode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (isUnreserved(c) || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("otpauth " + name + " must not be null or blank");
        }
    }
}
