package org.mfaportal.crypto;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The password hash new hashes are made with ({@code mfa.password.algorithm}); stored hashes of either still verify. */
public enum PasswordHashAlgorithm {
    PBKDF2_SHA512("pbkdf2-sha512"),
    ARGON2ID("argon2id");

    private final String configName;

    PasswordHashAlgorithm(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** @throws IllegalArgumentException naming the accepted values, so a typo stops the deployment with a clear reason */
    public static PasswordHashAlgorithm fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(algorithm -> algorithm.configName.equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("mfa.password.algorithm must be one of "
                        + Arrays.stream(values()).map(PasswordHashAlgorithm::configName)
                                .collect(Collectors.joining(", "))
                        + ", was \"" + name + "\""));
    }
}
