package org.mfaportal.policy;

import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.FactorKind;
import org.mfaportal.mfa.WebAuthnCredential;

/**
 * What the policy judges of one enrolled factor: its kind and, for security keys and passkeys, the model it named
 * (AAGUID) and whether it proved that with a verified attestation certificate.
 *
 * @param model lower-case AAGUID; null for authenticator apps
 * @param attestationVerified null when unknown (keys registered before the portal recorded it)
 */
public record EnrolledFactor(FactorKind kind, String model, Boolean attestationVerified) {

    public static EnrolledFactor of(Authenticator authenticator) {
        WebAuthnCredential credential = authenticator.getWebAuthnCredential();
        return credential == null ? new EnrolledFactor(FactorKind.of(authenticator), null, null)
                : new EnrolledFactor(FactorKind.of(authenticator), PolicyRule.aaguid(credential.aaguid()).orElse(null), authenticator.getWebAuthnAttestationVerified());
    }

    /** A factor of this kind, of no known model: for rules that only look at kinds. */
    public static EnrolledFactor ofKind(FactorKind kind) {
        return new EnrolledFactor(kind, null, null);
    }

    public boolean isKey() {
        return kind == FactorKind.SECURITY_KEY || kind == FactorKind.PASSKEY;
    }
}
