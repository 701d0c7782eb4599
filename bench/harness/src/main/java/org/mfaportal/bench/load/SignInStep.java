package org.mfaportal.bench.load;

/** The parts of one sign-in, each one or two HTTP requests. */
enum SignInStep {
    /** GET /login, POST the form with username and password. */
    PASSWORD,
    /** GET /mfa/authenticate, POST the code: everything the second factor adds. */
    SECOND_FACTOR,
    /** GET the page the portal redirected to, which must greet the user. */
    LANDING_PAGE
}
