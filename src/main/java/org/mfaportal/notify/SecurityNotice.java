package org.mfaportal.notify;

import org.mfaportal.account.UserAccount;

/**
 * CDI event: something happened to a user's account that the user should hear about by e-mail. Fired inside the
 * transaction of the change; mail goes out only once it committed.
 *
 * @param detail a short description, e.g. the factor's name; may be null
 */
public record SecurityNotice(UserAccount user, Kind kind, String detail) {

    public enum Kind {
        FACTOR_ADDED, FACTOR_REMOVED, RECOVERY_CODES_REGENERATED, RECOVERY_CODE_USED, TRUSTED_BROWSER_ADDED, ACCOUNT_LOCKED
    }
}
