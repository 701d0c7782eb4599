package org.mfaportal.bench.load;

/** A sign-in that did not reach the landing page; the message is the reason counted in the report. */
final class SignInFailure extends Exception {

    SignInFailure(String reason) {
        super(reason, null, false, false);
    }
}
