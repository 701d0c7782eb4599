package org.mfaportal.directory;

import jakarta.ejb.ApplicationException;

/**
 * The company directory could not answer (connection refused, timeout, TLS failure, or a configuration the directory
 * rejects): directory users are told to try again later; local accounts are not affected. Unchecked, so it passes
 * through the {@code IdentityStoreHandler} to the authentication mechanism.
 */
@ApplicationException(rollback = false)
public class DirectoryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
