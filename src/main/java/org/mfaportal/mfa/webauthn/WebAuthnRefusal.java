package org.mfaportal.mfa.webauthn;

import jakarta.ejb.ApplicationException;

/**
 * A WebAuthn request the portal refuses; the message key says why in words a user understands. It does not roll the
 * caller back: a refused key still counts as a failed attempt of the pending sign-in.
 */
@ApplicationException(rollback = false)
public class WebAuthnRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Expired, used, unknown or for another ceremony. */
        CHALLENGE_EXPIRED("webauthn.refused.challenge"),
        /** Not parseable, not signed right, wrong origin/RP/challenge, no user presence or verification. */
        NOT_VERIFIED("webauthn.refused.not-verified"),
        /** The credential is not one of this account's keys (or no account's). */
        UNKNOWN_KEY("webauthn.refused.unknown-key"),
        /** The key's signature counter went backwards: possibly a cloned key. */
        POSSIBLE_CLONE("webauthn.refused.possible-clone"),
        /** The key is already registered (to this or another account). */
        ALREADY_REGISTERED("webauthn.refused.already-registered"),
        /** The name is empty or too long. */
        INVALID_NAME("webauthn.refused.invalid-name"),
        /** The user's MFA policy does not allow (or no longer accepts) this kind of key. */
        NOT_ALLOWED_BY_POLICY("webauthn.refused.not-allowed"),
        /** The policy allows only listed models of key, and this key's model (AAGUID) is not one of them. */
        MODEL_NOT_ALLOWED("webauthn.refused.model-not-allowed"),
        /** The policy requires attestation, and the key sent none (or only self attestation). */
        ATTESTATION_MISSING("webauthn.refused.attestation-missing"),
        /** The key's attestation certificate does not chain to a root the authenticator metadata names for its model. */
        ATTESTATION_NOT_TRUSTED("webauthn.refused.attestation-not-trusted"),
        /** A directory user's passkey: the company directory could not confirm they are still there and enabled. */
        DIRECTORY_UNAVAILABLE("login.directory-unavailable");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Reason reason;

    public WebAuthnRefusal(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
