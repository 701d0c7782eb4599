package org.mfaportal.oidc;

import jakarta.ejb.ApplicationException;

/** The identity provider could not be reached, or answered with something the portal cannot use. */
@ApplicationException(rollback = true)
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
