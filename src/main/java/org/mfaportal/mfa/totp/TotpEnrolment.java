package org.mfaportal.mfa.totp;

import java.io.Serializable;

/**
 * An authenticator app being set up: the fresh secret, shown as QR code and text, kept until the user confirms it
 * with a code. Lives only in the user's view state until then; nothing is stored.
 */
public record TotpEnrolment(byte[] secret, Totp totp, String keyUri, String qrCodeDataUrl) implements Serializable {

    /**
     * Whether a person typing the key must also set the algorithm, digits or period: apps assume SHA-1, 6 digits and
     * 30 seconds when given a bare key, and would show codes that never work.
     */
    public boolean needsParametersForManualEntry() {
        return !totp.equals(Totp.defaults());
    }

    /** The secret as people type it: Base32 in groups of four. */
    public String secretForManualEntry() {
        return Base32.encode(secret).replaceAll("(.{4})(?!$)", "$1 ");
    }
}
