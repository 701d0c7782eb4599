package org.mfaportal.auth;

import java.time.Duration;

/** Why a correct-looking sign-in was refused before or after the password check; tells the page what to say. */
public record SignInRefusal(String messageKey, long minutes) {

    static final SignInRefusal LOCKED = new SignInRefusal("login.locked", 0);

    /** The company directory could not be reached: a directory user cannot be checked now (local accounts can). */
    static final SignInRefusal DIRECTORY_UNAVAILABLE = new SignInRefusal("login.directory-unavailable", 0);

    /** Rounded up: "try again in 1 minute" rather than in 0. */
    static SignInRefusal throttled(Duration wait) {
        return new SignInRefusal("login.throttled", Math.max(1, (wait.toSeconds() + 59) / 60));
    }
}
