package org.mfaportal.mfa.totp;

import java.util.Locale;

/** HMAC hash functions allowed for HOTP/TOTP (RFC 6238 §1.2). */
public enum HmacAlgorithm {
    SHA1("HmacSHA1", "SHA1"),
    SHA256("HmacSHA256", "SHA256"),
    SHA512("HmacSHA512", "SHA512");

    private final String jcaName;
    private final String uriName;

    HmacAlgorithm(String jcaName, String uriName) {
        this.jcaName = jcaName;
        this.uriName = uriName;
    }

    /** Name understood by {@link javax.crypto.Mac#getInstance(String)}. */
    public String jcaName() {
        return jcaName;
    }

    /** Value of the {@code algorithm} parameter in an otpauth key URI. */
    public String uriName() {
        return uriName;
    }

    /** Accepts the URI name or the JCA name, case-insensitively: "SHA1", "sha256", "HmacSHA512". */
    public static HmacAlgorithm fromName(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (HmacAlgorithm algorithm : values()) {
                if (wanted.equals(algorithm.uriName)
                        || wanted.equals(algorithm.jcaName.toUpperCase(Locale.ROOT))) {
                    return algorithm;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown HMAC algorithm " + (name == null ? "null" : "\"" + name + "\"")
                        + "; expected one of SHA1, SHA256, SHA512 (or HmacSHA1, HmacSHA256, HmacSHA512)");
    }
}
