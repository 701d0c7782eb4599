package org.mfaportal.bench.users;

import org.mfaportal.mfa.totp.Totp;

/**
 * What a benchmark user's authenticator app knows: the secret and parameters the portal issued at enrolment, and the
 * time step of the code that confirmed it (the portal never accepts that step, or an earlier one, again).
 */
public record AuthenticatorAppKey(byte[] secret, Totp totp, long enrolmentStep) {
}
