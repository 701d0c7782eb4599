package org.mfaportal.account;

import java.time.Duration;
import org.mfaportal.audit.RequestOrigin;

/**
 * CDI event: a password-reset link was made for the user; it is mailed once the transaction that stored its token
 * committed (a link whose token was rolled back would not work).
 */
public record PasswordResetLinkIssued(UserAccount user, String link, Duration validity, RequestOrigin origin) {
}
