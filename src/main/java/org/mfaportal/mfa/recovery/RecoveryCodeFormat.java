package org.mfaportal.mfa.recovery;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.mfaportal.mfa.totp.Base32;

/**
 * Recovery codes: 16 Base32 characters (80 random bits), displayed as {@code XXXX-XXXX-XXXX-XXXX}.
 *
 * <p>The canonical form (16 upper-case characters, no dashes) is what gets hashed and compared;
 * the dashed form is only for people.
 */
public final class RecoveryCodeFormat {

    /** 80 bits make online and offline guessing hopeless even before the slow hash. */
    public static final int ENTROPY_BITS = 80;
    public static final int CANONICAL_LENGTH = 16;

    /** Long enough for any reasonable spacing, short enough that junk input is dropped at once. */
    static final int MAX_INPUT_LENGTH = 64;

    private static final int GROUP_LENGTH = 4;

    private RecoveryCodeFormat() {
    }

    /** Returns a new code in display form, e.g. {@code K7QF-2MZP-X4TA-W6RB}. */
    public static String generate(SecureRandom random) {
        byte[] bits = new byte[ENTROPY_BITS / 8];
        random.nextBytes(bits);
        // 10 bytes are exactly 16 Base32 characters, so every character is uniformly random.
        return display(Base32.encode(bits));
    }

    /**
     * Accepts what a person may type (any case, dashes, spaces, tabs) and returns the canonical
     * form, or empty if it cannot be a recovery code.
     */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        StringBuilder stripped = new StringBuilder(CANONICAL_LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '-' || c == ' ' || c == '\t') {
                continue;
            }
            // Non-ASCII is rejected before upper-casing: Unicode case mapping turns look-alikes
            // such as 'ſ' (long s) or 'ı' (dotless i) into ASCII 'S' and 'I'.
            if (c > 0x7F) {
                return Optional.empty();
            }
            stripped.append(c);
        }
        String canonical = stripped.toString().toUpperCase(Locale.ROOT);
        if (canonical.length() != CANONICAL_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < canonical.length(); i++) {
            if (Base32.ALPHABET.indexOf(canonical.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(canonical);
    }

    /** Regroups a canonical code as {@code XXXX-XXXX-XXXX-XXXX}. */
    public static String display(String canonical) {
        if (canonical == null || canonical.length() != CANONICAL_LENGTH
                || !normalize(canonical).map(canonical::equals).orElse(false)) {
            throw new IllegalArgumentException("Not a canonical recovery code (16 characters A-Z, 2-7)");
        }
        StringBuilder shown = new StringBuilder(CANONICAL_LENGTH + CANONICAL_LENGTH / GROUP_LENGTH - 1);
        for (int i = 0; i < CANONICAL_LENGTH; i += GROUP_LENGTH) {
            if (i > 0) {
                shown.append('-');
            }
            shown.append(canonical, i, i + GROUP_LENGTH);
        }
        return shown.toString();
    }
}
