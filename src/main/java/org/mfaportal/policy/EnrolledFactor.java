package org.mfaportal.policy;

/**
 * What the policy judges of one enrolled factor: its kind and, for security keys and passkeys, the model it named
 * (AAGUID) and whether it proved that with a verified attestation certificate.
 *
 * @param model lower-case AAGUID; null for authenticator apps
 * @param attestationVerified null when unknown (keys registered before the portal recorded it)
 */
public record EnrolledFactor(FactorKind kind, String model, Boolean attestationVerified) {

    /** A security key or passkey as it registered: {@code aaguid} as the key named it, null when it named none. */
    public static EnrolledFactor ofKey(FactorKind kind, String aaguid, Boolean attestationVerified) {
        return new EnrolledFactor(kind, aaguid == null ? null : PolicyRule.aaguid(aaguid).orElse(null), attestationVerified);
    }

    /** A factor of this kind, of no known model: for rules that only look at kinds. */
    public static EnrolledFactor ofKind(FactorKind kind) {
        return new EnrolledFactor(kind, null, null);
    }

    public boolean isKey() {
        return kind == FactorKind.SECURITY_KEY || kind == FactorKind.PASSKEY;
    }
}
