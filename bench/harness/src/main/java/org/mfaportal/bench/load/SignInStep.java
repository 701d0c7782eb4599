package org.mfaportal.bench.load;

import java.util.EnumSet;
import java.util.Set;

/** The requests of one sign-in, in order; the server's CPU can be attributed to each (see {@link CpuByStep}). */
enum SignInStep {
    /** GET /login */
    LOGIN_PAGE,
    /** POST of the login form: the password check */
    PASSWORD_FORM,
    /** GET /mfa/authenticate (only while the password form redirected there; since then it answers with that page) */
    CODE_PAGE,
    /** POST of the second-factor form: the code check */
    CODE_FORM,
    /** GET of the page the portal redirected to after sign-in */
    LANDING_PAGE;

    /** What a sign-in with the password alone consists of. */
    static final Set<SignInStep> PASSWORD_SIGN_IN = EnumSet.of(LOGIN_PAGE, PASSWORD_FORM, LANDING_PAGE);

    /** What the second factor adds to it. */
    static final Set<SignInStep> SECOND_FACTOR = EnumSet.of(CODE_PAGE, CODE_FORM);
}
