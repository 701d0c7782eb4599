package org.mfaportal.mfa;

import org.mfaportal.account.UserAccount;

/**
 * CDI event: a user's set of second factors changed (one added or removed). Trust given to browsers under the old set
 * ends, and the user is told.
 *
 * @param admin the IT admin who made the change; null when the user did
 */
public record FactorsChanged(UserAccount user, boolean added, AuthenticatorType type, String name, String admin) {
}
