package org.mfaportal.mfa;

/**
 * What the portal keeps of a registered WebAuthn credential (W3C WebAuthn §6.1 "credential record"): enough to verify
 * later assertions, nothing secret.
 *
 * @param credentialId           base64url credential id
 * @param attestedCredentialData base64url of AAGUID, credential id and COSE public key, as webauthn4j serialises them
 * @param transports             comma-separated transport hints for allowCredentials (may be empty)
 */
public record WebAuthnCredential(String credentialId, String attestedCredentialData, String aaguid, long signCount,
        String transports, boolean userVerified, boolean backupEligible, boolean backedUp, boolean discoverable) {
}
