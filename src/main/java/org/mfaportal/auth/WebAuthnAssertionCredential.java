package org.mfaportal.auth;

import jakarta.security.enterprise.credential.Credential;
import org.mfaportal.mfa.webauthn.Ceremony;
import org.mfaportal.mfa.webauthn.RelyingParty;

/**
 * A WebAuthn assertion from the browser: a security key as second factor, or a passkey on its own. The challenge id
 * comes from the server-side session, never from the request body.
 */
record WebAuthnAssertionCredential(Ceremony ceremony, String challengeId, String responseJson, RelyingParty relyingParty,
        boolean trustBrowser) implements Credential {
}
