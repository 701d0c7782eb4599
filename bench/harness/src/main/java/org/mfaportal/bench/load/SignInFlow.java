package org.mfaportal.bench.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a virtual user goes through after the password, named on the command line by {@link #optionValue}. */
enum SignInFlow {
    PASSWORD_ONLY("password"),
    PASSWORD_AND_TOTP("password+totp"),
    PASSWORD_AND_RECOVERY_CODE("password+recovery-code"),
    /** A passkey alone; each virtual user first registers one for an app user, signing in with password and TOTP. */
    PASSKEY("passkey");

    private final String optionValue;

    SignInFlow(String optionValue) {
        this.optionValue = optionValue;
    }

    String optionValue() {
        return optionValue;
    }

    boolean hasSecondFactor() {
        return this == PASSWORD_AND_TOTP || this == PASSWORD_AND_RECOVERY_CODE;
    }

    /** Whether the flow signs in seeded users with an authenticator app (the passkey flow enrols them with TOTP). */
    boolean usesAppUsers() {
        return this != PASSWORD_ONLY;
    }

    static SignInFlow fromOption(String value) {
        return Arrays.stream(values()).filter(flow -> flow.optionValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--flow must be one of "
                        + Arrays.stream(values()).map(SignInFlow::optionValue).collect(Collectors.joining(", "))));
    }
}
