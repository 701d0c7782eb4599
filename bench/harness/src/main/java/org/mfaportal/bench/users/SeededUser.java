package org.mfaportal.bench.users;

import java.util.List;
import java.util.Optional;

/** A benchmark account as the seeding servlet created it, with everything needed to sign in as that person. */
public record SeededUser(String username, String password, Optional<AuthenticatorAppKey> app, List<String> recoveryCodes) {

    public SeededUser {
        recoveryCodes = List.copyOf(recoveryCodes);
    }
}
