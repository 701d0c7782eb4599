package org.mfaportal.audit;

/** Every security-relevant event the portal records. */
public enum AuditEventType {
    /** Username and password matched; the sign-in may still need a second factor. */
    PASSWORD_ACCEPTED,
    /** Unknown username, wrong password or disabled account: deliberately not distinguished. */
    PASSWORD_REJECTED,
    /** The container now knows the user: the sign-in is complete. */
    SIGN_IN_COMPLETED,
    SIGNED_OUT
}
