package org.mfaportal.audit;

/** Every security-relevant event the portal records. */
public enum AuditEventType {
    /** Username and password matched; the sign-in may still need a second factor. */
    PASSWORD_ACCEPTED,
    /** Unknown username, wrong password or disabled account: deliberately not distinguished. */
    PASSWORD_REJECTED,
    /** The second factor was accepted (detail: which kind). */
    SECOND_FACTOR_ACCEPTED,
    /** A wrong, malformed or replayed second-factor code. */
    SECOND_FACTOR_REJECTED,
    /** Too many wrong codes: the pending sign-in was ended and the password is needed again. */
    SECOND_FACTOR_ATTEMPTS_EXHAUSTED,
    /** The user abandoned a sign-in at the second-factor step. */
    SIGN_IN_CANCELLED,
    /** The container now knows the user: the sign-in is complete. */
    SIGN_IN_COMPLETED,
    SIGNED_OUT,
    /** Sessions were ended from elsewhere: another session of the user, an admin, or an account change (detail: how many, why). */
    SESSION_ENDED,
    /** "Confirm it's you" before a sensitive change succeeded (detail: with what). */
    REAUTHENTICATED,
    REAUTHENTICATION_FAILED,
    FACTOR_ADDED,
    FACTOR_REMOVED,
    FACTOR_RENAMED,
    /** A WebAuthn registration or assertion was refused (detail: why). */
    WEBAUTHN_REFUSED,
    /** A security key's signature counter did not increase: it may have been cloned. */
    POSSIBLE_CLONED_KEY,
    /** Signed in with a passkey alone (it verifies the user: counts as multi-factor). */
    PASSKEY_ACCEPTED,
    /** The company's identity provider proved who this is (detail: issuer and its amr/acr); a second factor may follow. */
    IDENTITY_PROVIDER_ACCEPTED,
    /** The provider's multi-factor authentication was trusted in place of the portal's second factor (detail: its amr). */
    IDENTITY_PROVIDER_MFA_ACCEPTED,
    /** A sign-in through the identity provider was refused (detail: why: state, token, provider error, no account). */
    IDENTITY_PROVIDER_REFUSED,
    /** A portal account was linked to an identity provider's account at its first sign-in (detail: how). */
    IDENTITY_PROVIDER_LINKED,
    /** The user chose to trust this browser after a second factor. */
    TRUSTED_BROWSER_ADDED,
    TRUSTED_BROWSER_REVOKED,
    /** The password was right and a trusted browser replaced the second factor. */
    TRUSTED_BROWSER_USED,
    RECOVERY_CODES_GENERATED,
    RECOVERY_CODE_USED,
    /** Too many password failures for a username: the attempt was refused without checking the password. */
    SIGN_IN_THROTTLED,
    /** The password was right but the account is locked (too many wrong second factors): the sign-in was refused. */
    SIGN_IN_REFUSED_LOCKED,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    /** MFA became required for the user: the grace period starts. */
    MFA_REQUIRED,
    /** A policy was created or changed (detail: before and after). */
    POLICY_CHANGED,
    /** An admin removed all of a user's factors, recovery codes and trusted browsers. */
    MFA_RESET,
    /** An admin exempted a user from having to use MFA until a date (detail: until when, and why). */
    MFA_EXEMPTED,
    /** An admin ended a user's exemption before its date. */
    MFA_EXEMPTION_ENDED,
    /** A security e-mail could not be sent (the action itself went through). For admins: the user cannot act on it. */
    NOTIFICATION_FAILED,
    /** The user changed their password on the security page. */
    PASSWORD_CHANGED,
    /** A password change was refused because the current password was wrong (counted like a failed sign-in). */
    PASSWORD_CHANGE_FAILED,
    /** A password-reset link was mailed to the user. */
    PASSWORD_RESET_REQUESTED,
    /** A password-reset request was refused: too many for the account or the client address (detail: which). */
    PASSWORD_RESET_THROTTLED,
    /** The password was reset through a mailed link. */
    PASSWORD_RESET,
    /** An admin created an account (detail: groups); it has no password until the invitation is accepted. */
    USER_CREATED,
    /** An invitation link was mailed (detail: until when it works). */
    INVITATION_SENT,
    /** An admin sent a new invitation link; the previous one stopped working. */
    INVITATION_RESENT,
    /** An admin cancelled a pending invitation: its link no longer works. */
    INVITATION_CANCELLED,
    /** The invited user chose a password through the link. */
    INVITATION_ACCEPTED,
    /** An admin disabled the account: it can no longer sign in, its sessions end. */
    ACCOUNT_DISABLED,
    /** An admin enabled a disabled account again. */
    ACCOUNT_ENABLED,
    /** An admin changed the user's groups (detail: before and after). */
    GROUPS_CHANGED,
    /** The first admin was created from mfa.bootstrap-admin.* at deployment. */
    BOOTSTRAP_ADMIN_CREATED,
    /** mfa.bootstrap-admin.* was set but not used (detail: why, e.g. an admin exists already). */
    BOOTSTRAP_ADMIN_REFUSED,
    /** A directory user's first sign-in created their local record (detail: the directory's key). */
    DIRECTORY_ACCOUNT_CREATED,
    /** The directory changed a user's name, e-mail or groups; the sign-in took them over (detail: what changed). */
    DIRECTORY_ACCOUNT_REFRESHED,
    /** The directory disabled the user: they can no longer sign in, with or without a passkey. */
    DIRECTORY_ACCOUNT_DISABLED,
    /** The user is no longer in the directory (or the username now belongs to another entry). */
    DIRECTORY_ACCOUNT_REMOVED,
    /** A directory user could not sign in because the directory could not be reached (detail: what failed). */
    DIRECTORY_UNREACHABLE,
    /** A state-changing request another site's page made the browser send was refused (detail: path, what the browser said). */
    CROSS_SITE_REQUEST_REFUSED;

    /**
     * The steps of a sign-in that went through: only these may be written in the caller's transaction
     * ({@link AuditService#recordOwnInCallerTransaction}); every refusal and failure is written in its own.
     */
    public boolean isSuccess() {
        return switch (this) {
            case PASSWORD_ACCEPTED, SECOND_FACTOR_ACCEPTED, SIGN_IN_COMPLETED, TRUSTED_BROWSER_USED, TRUSTED_BROWSER_ADDED, PASSKEY_ACCEPTED,
                    IDENTITY_PROVIDER_ACCEPTED, IDENTITY_PROVIDER_MFA_ACCEPTED, SIGNED_OUT -> true;
            default -> false;
        };
    }

    /** Events about the portal's own operation, shown in the admin's log but not in the user's own activity. */
    public boolean isForAdminsOnly() {
        return this == NOTIFICATION_FAILED || this == CROSS_SITE_REQUEST_REFUSED;
    }
}
