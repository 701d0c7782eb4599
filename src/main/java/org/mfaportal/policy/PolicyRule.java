package org.mfaportal.policy;

import java.util.EnumSet;
import java.util.Set;
import org.mfaportal.mfa.FactorKind;

/**
 * One policy as configured: the default ({@code group} null) or a group's.
 *
 * @param graceDays days a user may still sign in without a factor once MFA is required
 * @param trustedBrowserDays how long a browser may skip the second factor; 0 = never
 * @param allowedFactors the kinds of factor users may enrol and sign in with
 * @param recoveryCodes how many codes a new recovery-code set holds
 */
public record PolicyRule(String group, boolean mfaRequired, int graceDays, int trustedBrowserDays, Set<FactorKind> allowedFactors, int recoveryCodes) {

    public static final int DEFAULT_RECOVERY_CODES = 10;
    public static final int MIN_RECOVERY_CODES = 1;
    public static final int MAX_RECOVERY_CODES = 20;

    public PolicyRule {
        allowedFactors = allowedFactors == null || allowedFactors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedFactors));
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

    /** For the audit log: stable and readable. */
    @Override
    public String toString() {
        return "required=" + mfaRequired + ", grace=" + graceDays + "d, trust=" + trustedBrowserDays + "d, factors="
                + FactorKind.labels(allowedFactors) + ", recovery codes=" + recoveryCodes;
    }
}
