package org.mfaportal.account;

/** The outcome of setting a new password through a mailed link. */
public sealed interface PasswordReset {

    /** The password is set; every session and trusted browser of the user ended; the link is used up. */
    record Done(String username) implements PasswordReset {
    }

    /** The link is unknown, used, expired, or its account can no longer have a local password reset. */
    record InvalidLink() implements PasswordReset {
    }

    /** The new password is not acceptable; the link still works. */
    record Refused(PasswordPolicy.Refusal refusal) implements PasswordReset {
    }
}
