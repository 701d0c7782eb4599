package org.mfaportal.account;

import java.time.Duration;

/** The outcome of a user's password change, as the security page shows it. */
public sealed interface PasswordChange {

    /** The new password is stored; the user's other sessions and trusted browsers are ended. */
    record Changed() implements PasswordChange {
    }

    /** The current password did not match (counted like a failed sign-in). */
    record CurrentPasswordWrong() implements PasswordChange {
    }

    /** Too many wrong passwords for this username lately: not even checked. */
    record Throttled(Duration retryAfter) implements PasswordChange {
    }

    /** The new password is not acceptable. */
    record Refused(PasswordPolicy.Refusal refusal) implements PasswordChange {
    }

    /** The account's password is not the portal's to change (a directory user). */
    record NoLocalPassword() implements PasswordChange {
    }
}
