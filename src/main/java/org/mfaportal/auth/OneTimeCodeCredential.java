package org.mfaportal.auth;

import jakarta.security.enterprise.credential.Credential;

/** A second-factor code typed by the user: an authenticator-app code or a recovery code. */
public final class OneTimeCodeCredential implements Credential {

    private final String code;
    private final boolean trustBrowser;

    /** @param trustBrowser the user asked to skip the second factor in this browser from now on */
    public OneTimeCodeCredential(String code, boolean trustBrowser) {
        this.code = code;
        this.trustBrowser = trustBrowser;
    }

    public String code() {
        return code;
    }

    public boolean trustBrowser() {
        return trustBrowser;
    }
}
