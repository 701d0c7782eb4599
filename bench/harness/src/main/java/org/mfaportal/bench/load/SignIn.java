package org.mfaportal.bench.load;

/** One complete sign-in as a fresh browser does it, against one of the {@link Target}s. */
interface SignIn {

    BrowserSignIn.Timing signInAs(RosterEntry user) throws SignInFailure, InterruptedException;
}
