package org.mfaportal.bench.seed;

import static org.mfaportal.bench.cli.CommandLineOptions.parse;
import static org.mfaportal.bench.cli.CommandLineOptions.required;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.mfaportal.bench.LocalServer;
import org.mfaportal.bench.users.SeededUser;
import org.mfaportal.bench.users.UsersFile;

/**
 * Seeds benchmark users through the bench WAR's /bench/users servlet (the portal's own services) and writes the users
 * file the load driver reads.
 *
 * <pre>
 * java -cp bench-harness.jar org.mfaportal.bench.seed.SeedUsersCommand --out users.tsv \
 *     [--base-url http://localhost:8780] [--password-only-users 200] [--totp-users 400] [--password ...] [--parallel 2]
 * </pre>
 *
 * Every account costs one PBKDF2 password hash on the server, an authenticator app another ten recovery-code hashes,
 * so requests go in batches, as many at once as the server has cores.
 */
public final class SeedUsersCommand {

    static final int BATCH = 20;
    static final String DEFAULT_PASSWORD = "bench-sign-in-password";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI base = LocalServer.baseUrl(options.getOrDefault("--base-url", "http://localhost:8780"));
        Path out = Path.of(required(options, "--out"));
        int passwordOnly = Integer.parseInt(options.getOrDefault("--password-only-users", "200"));
        int withApp = Integer.parseInt(options.getOrDefault("--totp-users", "400"));
        String password = options.getOrDefault("--password", DEFAULT_PASSWORD);
        int parallel = Integer.parseInt(options.getOrDefault("--parallel", Integer.toString(Runtime.getRuntime().availableProcessors())));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Batch> batches = new ArrayList<>();
        batches.addAll(Batch.split("bench-pw-", "none", passwordOnly));
        batches.addAll(Batch.split("bench-totp-", "totp", withApp));

        long started = System.nanoTime();
        List<SeededUser> users = new ArrayList<>();
        ExecutorService requests = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<List<SeededUser>>> answers = new ArrayList<>();
            for (Batch batch : batches) {
                answers.add(requests.submit(() -> batch.seed(http, base, password)));
            }
            for (Future<List<SeededUser>> answer : answers) {
                users.addAll(answer.get());
                System.out.printf("seeded %d of %d users%n", users.size(), passwordOnly + withApp);
            }
        } finally {
            requests.shutdownNow();
        }
        UsersFile.write(out, users);
        System.out.printf("wrote %d users (%d password only, %d with an authenticator app) to %s in %.0f s%n",
                users.size(), passwordOnly, withApp, out, (System.nanoTime() - started) / 1e9);
    }

    /** One request's worth of accounts: usernames prefix000001 onwards. */
    record Batch(String prefix, String factor, int first, int count) {

        static List<Batch> split(String prefix, String factor, int total) {
            List<Batch> batches = new ArrayList<>();
            for (int first = 1; first <= total; first += BATCH) {
                batches.add(new Batch(prefix, factor, first, Math.min(BATCH, total - first + 1)));
            }
            return batches;
        }

        List<SeededUser> seed(HttpClient http, URI base, String password) throws IOException, InterruptedException {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("prefix", prefix);
            form.put("first", Integer.toString(first));
            form.put("count", Integer.toString(count));
            form.put("factor", factor);
            form.put("password", password);
            String body = form.entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/bench/users"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Seeding " + this + " failed: HTTP " + response.statusCode() + " " + response.body());
            }
            List<SeededUser> users = response.body().lines().filter(line -> !line.isBlank())
                    .map(line -> UsersFile.fromSeedingAnswer(line, password))
                    .toList();
            if (users.size() != count) {
                throw new IOException("Seeding " + this + " answered " + users.size() + " users instead of " + count);
            }
            return users;
        }
    }
}
