package org.mfaportal.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mfaportal.bench.LocalServer;

/** The driver's command line. Every run is bounded twice: by time (warm-up + duration) and by a number of sign-ins. */
record LoadOptions(URI baseUrl, Path usersFile, int userLimit, SignInFlow flow, int concurrency, Duration warmUp,
        Duration duration, long maxSignIns, OptionalLong serverPid, boolean cpuByStep, boolean heapCheck, boolean signOut,
        int passwordCheckSamples, Target target, KeycloakSignIn.KeycloakClient keycloak, KeycloakHashCost keycloakHash) {

    static final String USAGE = """
            java -cp bench-harness.jar org.mfaportal.bench.load.SignInLoadDriver --users users.tsv [options]
              --target T                  portal | keycloak (default portal): the system to sign in to
              --base-url URL              the portal (default http://localhost:8780; only localhost is allowed),
                                          Keycloak's default http://localhost:18080
              --users FILE                users file of the seeding command (required)
              --user-limit N              sign in as at most the first N fitting users (default: all)
              --flow F                    password | password+totp | password+recovery-code | passkey (default password+totp);
                                          passkey: each virtual user registers one for an app user first, then signs in with it
              --concurrency N             virtual users, each its own browser (default 16)
              --warm-up D                 not measured, e.g. 20s (default 20s)
              --duration D                measured, e.g. 60s, 15m (default 60s)
              --max-sign-ins N            stop starting sign-ins after N, warm-up included (default 100000)
              --server-pid PID            the server's JVM: enables server CPU figures
              --cpu-by-step               server CPU per step of the sign-in (needs --server-pid, --concurrency 1)
              --heap-check                heap after full GC and table sizes before and after (needs --server-pid)
              --sign-out                  sign out after each sign-in (not timed), so sessions end at once
              --password-check-samples N  server-side password checks timed before the run (default 10, 0 = skip);
                                          for Keycloak timed in the driver (Bouncy Castle, see --keycloak-hash)
              --realm R                   Keycloak: the realm (default mfa-bench)
              --client-id C               Keycloak: the client (default mfa-bench-driver)
              --redirect-uri U            Keycloak: the client's redirect URI, never followed (default
                                          http://127.0.0.1:18080/mfa-bench-callback)
              --keycloak-hash H           Keycloak: the realm's hash, for "one hash" of the report:
                                          pbkdf2-sha512:ITERATIONS (default pbkdf2-sha512:210000) or
                                          argon2[:MEMORY_KIB:ITERATIONS:PARALLELISM] (Keycloak's default 7168:5:1)
            """;

    private static final Set<String> FLAGS = Set.of("--cpu-by-step", "--heap-check", "--sign-out");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final long MAX_SIGN_INS_LIMIT = 1_000_000;

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (FLAGS.contains(args[i])) {
                values.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                values.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("Unexpected argument " + args[i] + "\n" + USAGE);
            }
        }
        String users = values.remove("--users");
        if (users == null) {
            throw new IllegalArgumentException("--users is required\n" + USAGE);
        }
        String serverPid = values.remove("--server-pid");
        Target target = Target.fromOption(take(values, "--target", Target.PORTAL.optionValue()));
        // Each option is taken out as it is read: whatever is left was not understood.
        LoadOptions options = new LoadOptions(
                LocalServer.baseUrl(take(values, "--base-url", target.defaultBaseUrl())),
                Path.of(users),
                Integer.parseInt(take(values, "--user-limit", Integer.toString(Integer.MAX_VALUE))),
                SignInFlow.fromOption(take(values, "--flow", SignInFlow.PASSWORD_AND_TOTP.optionValue())),
                Integer.parseInt(take(values, "--concurrency", "16")),
                duration(take(values, "--warm-up", "20s")),
                duration(take(values, "--duration", "60s")),
                Long.parseLong(take(values, "--max-sign-ins", "100000")),
                serverPid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(serverPid)),
                values.remove("--cpu-by-step") != null,
                values.remove("--heap-check") != null,
                values.remove("--sign-out") != null,
                Integer.parseInt(take(values, "--password-check-samples", "10")),
                target,
                new KeycloakSignIn.KeycloakClient(take(values, "--realm", "mfa-bench"), take(values, "--client-id", "mfa-bench-driver"),
                        LocalServer.baseUrl(take(values, "--redirect-uri", "http://127.0.0.1:18080/mfa-bench-callback"))),
                KeycloakHashCost.parse(take(values, "--keycloak-hash", KeycloakHashCost.DEFAULT_SPEC)));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + values.keySet() + "\n" + USAGE);
        }
        return options.validated();
    }

    private LoadOptions validated() {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--concurrency must be 1..256");
        }
        if (maxSignIns < 1 || maxSignIns > MAX_SIGN_INS_LIMIT) {
            throw new IllegalArgumentException("--max-sign-ins must be 1.." + MAX_SIGN_INS_LIMIT);
        }
        if (duration.isZero() || duration.compareTo(Duration.ofHours(2)) > 0 || warmUp.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--duration must be above 0 and at most 2h, --warm-up at most 1h");
        }
        if ((cpuByStep || heapCheck) && serverPid.isEmpty()) {
            throw new IllegalArgumentException("--cpu-by-step and --heap-check need --server-pid");
        }
        if (cpuByStep && concurrency != 1) {
            throw new IllegalArgumentException("--cpu-by-step needs --concurrency 1: with more, steps overlap in the server");
        }
        if (target == Target.KEYCLOAK && flow != SignInFlow.PASSWORD_ONLY && flow != SignInFlow.PASSWORD_AND_TOTP) {
            throw new IllegalArgumentException("--target keycloak runs --flow password and password+totp only");
        }
        if (target == Target.KEYCLOAK && signOut) {
            throw new IllegalArgumentException("--sign-out is for the portal only");
        }
        if (passwordCheckSamples < 0 || passwordCheckSamples > 50) {
            throw new IllegalArgumentException("--password-check-samples must be 0..50");
        }
        return this;
    }

    private static String take(Map<String, String> values, String name, String defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : value;
    }

    private static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Durations look like 500ms, 20s, 15m or 1h, not " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
