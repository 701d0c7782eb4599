package org.mfaportal.crypto;

/**
 * A sealed secret could not be opened: wrong key, tampered or truncated data, wrong associated
 * data, unknown format version, or malformed input.
 */
public final class SecretDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretDecryptionException(String message) {
        super(message);
    }

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
