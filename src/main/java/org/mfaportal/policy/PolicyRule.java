package org.mfaportal.policy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One policy as configured: the default ({@code group} null) or a group's.
 *
 * @param graceDays days a user may still sign in without a factor once MFA is required
 * @param trustedBrowserDays how long a browser may skip the second factor; 0 = never
 * @param allowedFactors the kinds of factor users may enrol and sign in with
 * @param recoveryCodes how many codes a new recovery-code set holds
 * @param attestationRequired security keys and passkeys must prove their model with an attestation certificate
 * @param allowedModels the authenticator models (AAGUIDs, lower case) security keys and passkeys must be; empty: any
 */
public record PolicyRule(String group, boolean mfaRequired, int graceDays, int trustedBrowserDays, Set<FactorKind> allowedFactors, int recoveryCodes,
        boolean attestationRequired, Set<String> allowedModels) {

    public static final int DEFAULT_RECOVERY_CODES = 10;
    public static final int MIN_RECOVERY_CODES = 1;
    public static final int MAX_RECOVERY_CODES = 20;

    /** The AAGUID of an authenticator that did not name its model (attestation "none" in most browsers). */
    public static final String UNKNOWN_MODEL = "00000000-0000-0000-0000-000000000000";

    public PolicyRule {
        allowedFactors = allowedFactors == null || allowedFactors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedFactors));
        allowedModels = allowedModels == null ? Set.of() : allowedModels.stream().map(PolicyRule::aaguid)
                .map(model -> model.orElseThrow(() -> new IllegalArgumentException("not an AAGUID"))).collect(Collectors.toUnmodifiableSet());
    }

    /** A policy without rules on the models of security keys and passkeys. */
    public PolicyRule(String group, boolean mfaRequired, int graceDays, int trustedBrowserDays, Set<FactorKind> allowedFactors, int recoveryCodes) {
        this(group, mfaRequired, graceDays, trustedBrowserDays, allowedFactors, recoveryCodes, false, Set.of());
    }

    /** A policy that allows every kind of factor and the default number of recovery codes. */
    public PolicyRule(String group, boolean mfaRequired, int graceDays, int trustedBrowserDays) {
        this(group, mfaRequired, graceDays, trustedBrowserDays, EnumSet.allOf(FactorKind.class), DEFAULT_RECOVERY_CODES);
    }

    /** A policy must leave at least one real factor: recovery codes alone cannot be enrolled. */
    public boolean allowsAnAuthenticator() {
        return allowedFactors.stream().anyMatch(FactorKind.AUTHENTICATORS::contains);
    }

    public boolean allows(FactorKind kind) {
        return allowedFactors.contains(kind);
    }

    /** Whether this policy limits security keys and passkeys to listed models. */
    public boolean restrictsModels() {
        return !allowedModels.isEmpty();
    }

    /** The canonical form of a typed AAGUID (a UUID, any case, with or without dashes); empty when it is none. */
    public static Optional<String> aaguid(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.strip().toLowerCase(Locale.ROOT).replace("-", "");
        if (!compact.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        String canonical = compact.substring(0, 8) + "-" + compact.substring(8, 12) + "-" + compact.substring(12, 16) + "-"
                + compact.substring(16, 20) + "-" + compact.substring(20);
        return Optional.of(canonical);
    }

    /** The stored form of a model list: sorted, joined by commas; null for "any model". */
    public static String formatModels(Set<String> models) {
        return models.isEmpty() ? null : String.join(",", new TreeSet<>(models));
    }

    /** Reads the stored form; entries that are not AAGUIDs are ignored. */
    public static Set<String> parseModels(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(stored.split(",")).map(PolicyRule::aaguid).flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** For the audit log: stable and readable. */
    @Override
    public String toString() {
        return "required=" + mfaRequired + ", grace=" + graceDays + "d, trust=" + trustedBrowserDays + "d, factors="
                + FactorKind.labels(allowedFactors) + ", recovery codes=" + recoveryCodes + ", attestation=" + (attestationRequired ? "required" : "optional")
                + ", models=" + (allowedModels.isEmpty() ? "any" : String.join(" ", new TreeSet<>(allowedModels)));
    }
}
