package org.mfaportal.policy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.mfaportal.web.Messages;

/**
 * The kinds of factor a policy can allow. Finer than the stored types of authenticator: a discoverable WebAuthn
 * credential (a passkey) can be allowed where a plain security key is not, or the other way round.
 */
public enum FactorKind {
    TOTP, SECURITY_KEY, PASSKEY, RECOVERY_CODE;

    /** The kinds that count as a factor of their own; recovery codes are only the way back in. */
    public static final Set<FactorKind> AUTHENTICATORS = Set.copyOf(EnumSet.of(TOTP, SECURITY_KEY, PASSKEY));

    /** The stored form: names joined by commas, in declaration order. */
    public static String format(Set<FactorKind> kinds) {
        return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /** Reads the stored form; unknown names are ignored, so a removed kind does not break old rows. */
    public static Set<FactorKind> parse(String stored) {
        EnumSet<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
        if (stored != null) {
            Arrays.stream(stored.split(",")).map(name -> name.strip().toUpperCase(Locale.ROOT))
                    .filter(name -> Arrays.stream(values()).anyMatch(kind -> kind.name().equals(name)))
                    .map(FactorKind::valueOf).forEach(kinds::add);
        }
        return kinds;
    }

    /** The kind's name in English, as audit details and e-mails say it. */
    public String label() {
        return Messages.text(Locale.ENGLISH, messageKey());
    }

    /** Several kinds in English, for audit details: "Authenticator app, Security key". */
    public static String labels(Set<FactorKind> kinds) {
        return kinds.isEmpty() ? "none" : kinds.stream().sorted().map(FactorKind::label).collect(Collectors.joining(", "));
    }

    /** Key of the kind's name in the message bundle. */
    public String messageKey() {
        return "factor.kind." + name();
    }
}
