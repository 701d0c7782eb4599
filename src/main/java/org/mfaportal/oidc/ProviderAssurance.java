package org.mfaportal.oidc;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.mfaportal.policy.FactorKind;

/**
 * What the provider's own authentication counts as in the portal's policy terms, judged from the ID token's
 * {@code amr} (RFC 8176) and {@code acr} against what configuration trusts from this provider. Nothing is trusted by
 * default: a provider's claims are only as good as the operator's knowledge of how it authenticates.
 */
final class ProviderAssurance {

    private ProviderAssurance() {
    }

    /**
     * The factor kinds the provider's authentication may stand in for: empty when it proved no multi-factor
     * authentication this portal trusts; a security key for {@code amr} values configured as one (e.g.
     * {@code hwk}, trusted by being named there); otherwise an authenticator app, so that a policy allowing only keys or passkeys is never met by a
     * provider's "mfa".
     */
    static Set<FactorKind> provenFactors(Collection<String> amr, String acr, Set<String> trustedAmr, Set<String> trustedAcr,
            Set<String> securityKeyAmr) {
        EnumSet<FactorKind> proven = EnumSet.noneOf(FactorKind.class);
        for (String method : amr) {
            if (securityKeyAmr.contains(method)) {
                proven.add(FactorKind.SECURITY_KEY);
            } else if (trustedAmr.contains(method)) {
                proven.add(FactorKind.TOTP);
            }
        }
        if (acr != null && trustedAcr.contains(acr)) {
            proven.add(FactorKind.TOTP);
        }
        return proven;
    }
}
