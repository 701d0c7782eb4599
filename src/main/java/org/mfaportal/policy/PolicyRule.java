package org.mfaportal.policy;

/**
 * One policy as configured: the default ({@code group} null) or a group's.
 *
 * @param graceDays days a user may still sign in without a factor once MFA is required
 * @param trustedBrowserDays how long a browser may skip the second factor; 0 = never
 */
public record PolicyRule(String group, boolean mfaRequired, int graceDays, int trustedBrowserDays) {
}
