package org.mfaportal.notify;

import org.mfaportal.account.UserAccount;

/**
 * CDI event: something happened to a user's account that the user should hear about by e-mail. Fired inside the
 * transaction of the change; mail goes out only once it committed.
 *
 * @param detail a short description, e.g. the factor's name; may be null
 * @param admin the IT admin who acted; null when the user did or nobody did
 */
public record SecurityNotice(UserAccount user, Kind kind, String detail, String admin) {

    public enum Kind {
        FACTOR_ADDED, FACTOR_REMOVED, RECOVERY_CODES_REGENERATED, RECOVERY_CODE_USED, TRUSTED_BROWSER_ADDED, ACCOUNT_LOCKED,
        ACCOUNT_UNLOCKED, MFA_RESET, TRUSTED_BROWSERS_REVOKED, MFA_EXEMPTED, MFA_EXEMPTION_ENDED,
        PASSWORD_CHANGED, PASSWORD_RESET,
        // accounts
        INVITATION, ACCOUNT_DISABLED, ACCOUNT_ENABLED, GROUPS_CHANGED
    }

    /** Something the user did, or that happened to their account without an admin. */
    public SecurityNotice(UserAccount user, Kind kind, String detail) {
        this(user, kind, detail, null);
    }

    /** Something an IT admin did to the user's account. */
    public static SecurityNotice byAdmin(UserAccount user, Kind kind, String detail, String admin) {
        return new SecurityNotice(user, kind, detail, admin);
    }
}
