package org.mfaportal.policy;

import jakarta.ejb.ApplicationException;

/** A policy that cannot be met, such as one allowing no kind of authenticator: nothing was stored. */
@ApplicationException(rollback = true)
public class InvalidPolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPolicyException(String message) {
        super(message);
    }
}
