package org.mfaportal.crypto;

/** The configured secret-encryption key is missing or unusable. Messages never contain key material. */
public final class InvalidSecretKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSecretKeyException(String message) {
        super(message);
    }
}
