package org.mfaportal.mfa;

/** Kinds of second factor a user can enrol. Recovery codes are a fallback kept apart (see {@code mfa.recovery}). */
public enum AuthenticatorType {
    /** An authenticator app: RFC 6238 time-based one-time passwords. */
    TOTP,
    /** A security key or platform authenticator (WebAuthn); a passkey when it is discoverable and verifies the user. */
    WEBAUTHN
}
