package org.mfaportal.mfa;

import jakarta.ejb.ApplicationException;
import org.mfaportal.policy.FactorKind;

/** The user's MFA policy does not allow this kind of factor: nothing was enrolled. */
@ApplicationException(rollback = true)
public class FactorNotAllowedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FactorKind kind;

    public FactorNotAllowedException(FactorKind kind) {
        super(kind + " is not allowed by the user's MFA policy");
        this.kind = kind;
    }

    public FactorKind kind() {
        return kind;
    }
}
