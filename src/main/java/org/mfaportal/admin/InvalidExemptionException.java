package org.mfaportal.admin;

import jakarta.ejb.ApplicationException;

/** An exemption without a future end date (within the limit) or without a reason: nothing was stored. */
@ApplicationException(rollback = true)
public class InvalidExemptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidExemptionException(String message) {
        super(message);
    }
}
