package org.mfaportal.account;

/**
 * CDI event, fired inside the transaction of the change: every way into the account that did not just prove the new
 * state must end at once, on every cluster node. Observers end the user's live sessions (except {@code keepSessionId}),
 * their pending sign-ins and, where the reason calls for it, their trusted browsers.
 *
 * @param keepSessionId the HTTP session id of the request that made the change and stays signed in (a password change
 *        by the user); null to end every session
 * @param actor the IT admin who acted; null when the user did
 */
public record AccountAccessRevoked(UserAccount user, Reason reason, String keepSessionId, String actor) {

    public enum Reason {
        /** An admin disabled the account, or the directory did. Sessions, pending sign-ins and trusted browsers end. */
        ACCOUNT_DISABLED,
        /** The user changed their password: their other sessions and trusted browsers end. */
        PASSWORD_CHANGED,
        /** The password was reset through an e-mailed link: every session and trusted browser ends. */
        PASSWORD_RESET,
        /** The user or an admin asked to sign the user out everywhere (but the keeper). Trusted browsers stay. */
        SIGNED_OUT_ELSEWHERE;

        public boolean revokesTrustedBrowsers() {
            return this != SIGNED_OUT_ELSEWHERE;
        }
    }
}
