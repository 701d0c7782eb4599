package org.mfaportal.mfa.webauthn;

/** The three WebAuthn ceremonies of the portal; a challenge is good for one of them only. */
public enum Ceremony {
    /** Adding a security key or passkey to a signed-in account. */
    REGISTRATION,
    /** A security key as the second factor after the password. */
    SECOND_FACTOR,
    /** A passkey alone: discoverable credential with user verification, no password. */
    PASSKEY,
    /** A signed-in user's key confirming it's them before a sensitive change. */
    REAUTHENTICATION
}
