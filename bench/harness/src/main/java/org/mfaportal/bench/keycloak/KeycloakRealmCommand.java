package org.mfaportal.bench.keycloak;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mfaportal.bench.LocalServer;
import org.mfaportal.bench.users.AuthenticatorAppKey;
import org.mfaportal.bench.users.SeededUser;
import org.mfaportal.bench.users.UsersFile;
import org.mfaportal.mfa.totp.Base32;

/**
 * Writes a Keycloak realm (import format of {@code kc.sh start --import-realm}) with the users of the portal's users
 * file (issue 14): same usernames and passwords, the same users with an authenticator app, the same TOTP parameters.
 * Passwords go in as clear text and Keycloak hashes them with the realm's policy at import. The OTP credential's
 * secret is the users file's Base32 text without a {@code secretEncoding}: Keycloak then keys the HMAC with that
 * text's UTF-8 bytes, so the driver computes Keycloak's codes from those (see {@code Target.totpKey}); no enrolment is
 * asked. One public client with a loopback redirect URI (never contacted: the driver stops at the redirect).
 *
 * <pre>
 * java -cp bench-harness.jar org.mfaportal.bench.keycloak.KeycloakRealmCommand --users users.tsv --out realm.json
 *     [--realm mfa-bench] [--hash pbkdf2-sha512:210000 | argon2] [--client-id mfa-bench-driver]
 *     [--redirect-uri http://127.0.0.1:18080/mfa-bench-callback] [--brute-force true|false]
 * </pre>
 */
public final class KeycloakRealmCommand {

    private KeycloakRealmCommand() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("Unexpected argument " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("--users") || !options.containsKey("--out")) {
            usage("--users and --out are required");
        }
        Path users = Path.of(options.remove("--users"));
        Path out = Path.of(options.remove("--out"));
        String realm = take(options, "--realm", "mfa-bench");
        String policy = passwordPolicy(take(options, "--hash", "pbkdf2-sha512:210000"));
        String clientId = take(options, "--client-id", "mfa-bench-driver");
        String redirectUri = LocalServer.baseUrl(take(options, "--redirect-uri", "http://127.0.0.1:18080/mfa-bench-callback")).toString();
        boolean bruteForce = Boolean.parseBoolean(take(options, "--brute-force", "true"));
        if (!options.isEmpty()) {
            usage("Unknown options " + options.keySet());
        }
        List<SeededUser> seeded = UsersFile.read(users);
        JsonObject json = realm(realm, policy, clientId, redirectUri, bruteForce, seeded);
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writers.createWriter(writer).write(json);
        }
        System.out.println("Wrote realm " + realm + " (" + policy + ", " + seeded.size() + " users, "
                + seeded.stream().filter(user -> user.app().isPresent()).count() + " with TOTP) to " + out);
    }

    /**
     * Keycloak's password policy for {@code pbkdf2-sha512:ITERATIONS} or {@code argon2} (Keycloak's argon2 provider
     * with its own defaults, which the policy cannot change: id, v1.3, 7168 KiB, 5 passes, 1 lane).
     */
    static String passwordPolicy(String hash) {
        if (hash.equals("argon2")) {
            return "hashAlgorithm(argon2)";
        }
        if (hash.matches("pbkdf2-sha512:\\d+")) {
            return "hashAlgorithm(pbkdf2-sha512) and hashIterations(" + hash.substring(hash.indexOf(':') + 1) + ")";
        }
        throw new IllegalArgumentException("--hash is pbkdf2-sha512:ITERATIONS or argon2, not " + hash);
    }

    static JsonObject realm(String realm, String passwordPolicy, String clientId, String redirectUri, boolean bruteForce, List<SeededUser> users) {
        AuthenticatorAppKey anyApp = users.stream().flatMap(user -> user.app().stream()).findFirst().orElse(null);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("realm", realm)
                .add("enabled", true)
                .add("sslRequired", "none")
                .add("passwordPolicy", passwordPolicy)
                // Keycloak's brute-force detection with its own default limits when on (off is Keycloak's default
                // for a new realm; the portal always throttles, so the comparison turns it on).
                .add("bruteForceProtected", bruteForce)
                .add("otpPolicyType", "totp")
                .add("otpPolicyAlgorithm", anyApp == null ? "HmacSHA1" : keycloakAlgorithm(anyApp))
                .add("otpPolicyDigits", anyApp == null ? 6 : anyApp.totp().digits())
                .add("otpPolicyPeriod", anyApp == null ? 30 : anyApp.totp().periodSeconds())
                .add("otpPolicyLookAheadWindow", 1)
                .add("otpPolicyCodeReusable", false)
                .add("clients", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("clientId", clientId)
                        .add("enabled", true)
                        .add("publicClient", true)
                        .add("protocol", "openid-connect")
                        .add("standardFlowEnabled", true)
                        .add("directAccessGrantsEnabled", false)
                        .add("redirectUris", Json.createArrayBuilder().add(redirectUri))
                        .add("webOrigins", Json.createArrayBuilder())));
        JsonArrayBuilder userArray = Json.createArrayBuilder();
        for (SeededUser user : users) {
            userArray.add(user(user));
        }
        return json.add("users", userArray).build();
    }

    private static JsonObject user(SeededUser user) {
        JsonArrayBuilder credentials = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "password").add("value", user.password()).add("temporary", false));
        user.app().ifPresent(app -> credentials.add(Json.createObjectBuilder()
                .add("type", "otp")
                .add("userLabel", "authenticator app")
                .add("secretData", Json.createObjectBuilder().add("value", Base32.encode(app.secret())).build().toString())
                .add("credentialData", Json.createObjectBuilder()
                        .add("subType", "totp")
                        .add("digits", app.totp().digits())
                        .add("counter", 0)
                        .add("period", app.totp().periodSeconds())
                        .add("algorithm", keycloakAlgorithm(app))
                        .build().toString())));
        // Keycloak's default user profile requires e-mail and names: without them it would ask for them at sign-in.
        return Json.createObjectBuilder()
                .add("username", user.username())
                .add("enabled", true)
                .add("email", user.username() + "@bench.invalid")
                .add("emailVerified", true)
                .add("firstName", "Bench")
                .add("lastName", user.username())
                .add("credentials", credentials)
                .add("requiredActions", Json.createArrayBuilder())
                .build();
    }

    /** Keycloak names the HMAC as the JDK does: HmacSHA1, HmacSHA256, HmacSHA512. */
    static String keycloakAlgorithm(AuthenticatorAppKey app) {
        return "Hmac" + app.totp().algorithm().name();
    }

    private static String take(Map<String, String> options, String name, String defaultValue) {
        String value = options.remove(name);
        return value == null ? defaultValue : value;
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nUsage: KeycloakRealmCommand --users users.tsv --out realm.json [--realm R] "
                + "[--hash pbkdf2-sha512:210000|argon2] [--client-id C] [--redirect-uri U] [--brute-force true|false]");
        System.exit(2);
    }
}
