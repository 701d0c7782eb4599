package org.mfaportal.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.mfaportal.bench.users.AuthenticatorAppKey;
import org.mfaportal.bench.users.UsersFile;
import org.mfaportal.mfa.totp.Base32;

/**
 * The system a run signs in to, named on the command line by {@link #optionValue}: the portal, or Keycloak as the
 * anchor of the comparison (issue 14), with the same seeded users (bench/scripts/keycloak-realm.sh imports them).
 */
enum Target {
    PORTAL("portal", "http://localhost:8780"),
    KEYCLOAK("keycloak", "http://localhost:18080");

    private final String optionValue;
    private final String defaultBaseUrl;

    Target(String optionValue, String defaultBaseUrl) {
        this.optionValue = optionValue;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    String optionValue() {
        return optionValue;
    }

    String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /**
     * The HMAC key the authenticator app computes codes with. The portal's key is the secret itself (the users file
     * holds it in Base32). The Keycloak realm stores that same Base32 text as the OTP credential's secret without a
     * {@code secretEncoding}, and Keycloak then keys the HMAC with the text's UTF-8 bytes
     * ({@code OTPCredentialModel.getDecodedSecret}), as it does for the secrets it generates itself.
     */
    byte[] totpKey(AuthenticatorAppKey app) {
        return switch (this) {
            case PORTAL -> app.secret();
            case KEYCLOAK -> Base32.encode(app.secret()).getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * Where the one-time codes used against this system are written down. Each system keeps its own replay state, so
     * each has its own ledger; the portal's is the one it always had.
     */
    Path usageLedgerOf(Path usersFile) {
        Path portal = UsersFile.usageLedgerOf(usersFile);
        return this == PORTAL ? portal : portal.resolveSibling(portal.getFileName() + "-" + optionValue);
    }

    static Target fromOption(String value) {
        return Arrays.stream(values()).filter(target -> target.optionValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--target must be one of "
                        + Arrays.stream(values()).map(Target::optionValue).collect(Collectors.joining(", "))));
    }
}
