package org.mfaportal.auth;

import jakarta.security.enterprise.credential.Credential;

/** A second-factor code typed by the user: an authenticator-app code or a recovery code. */
public final class OneTimeCodeCredential implements Credential {

    private final String code;

    public OneTimeCodeCredential(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
