package org.mfaportal.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import org.mfaportal.config.PortalConfig;

/**
 * Which new passwords the portal accepts, after NIST SP 800-63B-4 §3.1.1.2: a minimum length
 * ({@code mfa.password.min-length}, 12 by default), a generous maximum, every Unicode character, no composition
 * rules, and refused when common, breached or made of the user's own name or address.
 *
 * <p>Passwords are compared and hashed in NFKC form ({@link #normalize}), so the same password typed on another
 * keyboard or input method (full-width letters, composed or decomposed accents) still matches. Lengths count Unicode
 * code points of the normalised password.
 */
@ApplicationScoped
public class PasswordPolicy {

    /** The longest password accepted, in code points (NIST: at least 64 must be allowed). */
    public static final int MAX_LENGTH = 256;

    /**
     * Longer raw input is refused before normalising or hashing: room for any accepted password in UTF-16 (two
     * chars per code point outside the BMP) typed in decomposed form (NFKC may shorten it).
     */
    public static final int MAX_INPUT_LENGTH = 4 * MAX_LENGTH;

    /** Shorter usernames and e-mail local parts are only refused as the whole password, not as a part of it. */
    static final int MIN_IDENTIFIER_LENGTH_CHECKED_INSIDE = 3;

    public enum Reason {
        TOO_SHORT, TOO_LONG, COMMON, CONTAINS_USERNAME, CONTAINS_EMAIL
    }

    /** Why a password was refused; {@link #messageKey()} and {@link #arguments()} make the text next to the field. */
    public record Refusal(Reason reason, int limit) {

        public String messageKey() {
            return "password.refused." + reason.name();
        }

        public Object[] arguments() {
            return new Object[] {limit};
        }
    }

    @Inject
    PortalConfig config;

    private int minLength;
    private CommonPasswords common;

    protected PasswordPolicy() {
        // for CDI
    }

    PasswordPolicy(int minLength, CommonPasswords common) {
        this.minLength = minLength;
        this.common = common;
    }

    @PostConstruct
    void configure() {
        minLength = config.passwordMinLength();
        common = CommonPasswords.shipped();
    }

    /** The form passwords are checked, hashed and verified in. */
    public static String normalize(CharSequence password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    public static String normalize(char[] password) {
        return normalize(CharBuffer.wrap(password));
    }

    public int minLength() {
        return minLength;
    }

    /**
     * Empty when {@code password} may become the user's new password.
     *
     * @param username the account's (normalised) username
     * @param email the account's e-mail address; may be null
     */
    public Optional<Refusal> check(CharSequence password, String username, String email) {
        if (password == null) {
            return Optional.of(new Refusal(Reason.TOO_SHORT, minLength));
        }
        if (password.length() > MAX_INPUT_LENGTH) {
            return Optional.of(new Refusal(Reason.TOO_LONG, MAX_LENGTH));
        }
        String normalized = normalize(password);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < minLength) {
            return Optional.of(new Refusal(Reason.TOO_SHORT, minLength));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new Refusal(Reason.TOO_LONG, MAX_LENGTH));
        }
        String folded = normalized.toLowerCase(Locale.ROOT);
        if (isOrContains(folded, username)) {
            return Optional.of(new Refusal(Reason.CONTAINS_USERNAME, 0));
        }
        if (email != null && !email.isBlank()) {
            String address = email.strip();
            int at = address.lastIndexOf('@');
            if (isOrContains(folded, address) || at > 0 && isOrContains(folded, address.substring(0, at))) {
                return Optional.of(new Refusal(Reason.CONTAINS_EMAIL, 0));
            }
        }
        if (common.contains(normalized)) {
            return Optional.of(new Refusal(Reason.COMMON, 0));
        }
        return Optional.empty();
    }

    private static boolean isOrContains(String foldedPassword, String identifier) {
        if (identifier == null) {
            return false;
        }
        String folded = normalize(identifier.strip()).toLowerCase(Locale.ROOT);
        if (folded.isEmpty()) {
            return false;
        }
        return foldedPassword.equals(folded)
                || folded.length() >= MIN_IDENTIFIER_LENGTH_CHECKED_INSIDE && foldedPassword.contains(folded);
    }
}
