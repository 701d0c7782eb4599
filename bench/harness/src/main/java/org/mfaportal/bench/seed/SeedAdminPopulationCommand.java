package org.mfaportal.bench.seed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.mfaportal.bench.LocalServer;

/**
 * Seeds the admin-page population through the bench WAR's /bench/admin-population servlet: an admin account (real
 * password hash), {@code --users} bulk accounts (one shared precomputed hash, see BenchAccountFactory in the seeding
 * WAR), every 100th of them locked, and {@code --events} audit events about them.
 *
 * <pre>
 * java -cp bench-harness.jar org.mfaportal.bench.seed.SeedAdminPopulationCommand \
 *     [--base-url http://localhost:8780] [--admin bench-admin] [--admin-password ...] [--prefix staff-]
 *     [--users 100000] [--events 1000000]
 * </pre>
 *
 * One batch at a time: the server's transactions stay bounded and the machine keeps a core for others.
 */
public final class SeedAdminPopulationCommand {

    static final String DEFAULT_ADMIN_PASSWORD = "bench-admin-password";
    static final int USER_BATCH = 5_000;
    static final int EVENT_BATCH = 100_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        URI endpoint = LocalServer.baseUrl(options.getOrDefault("--base-url", "http://localhost:8780")).resolve("/bench/admin-population");
        String prefix = options.getOrDefault("--prefix", "staff-");
        int users = Integer.parseInt(options.getOrDefault("--users", "100000"));
        int events = Integer.parseInt(options.getOrDefault("--events", "1000000"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();

        System.out.println(post(http, endpoint, Map.of("what", "admin", "username", options.getOrDefault("--admin", "bench-admin"),
                "password", options.getOrDefault("--admin-password", DEFAULT_ADMIN_PASSWORD))));
        for (int first = 0; first < users; first += USER_BATCH) {
            int count = Math.min(USER_BATCH, users - first);
            String answer = post(http, endpoint, Map.of("what", "users", "prefix", prefix, "first", Integer.toString(first),
                    "count", Integer.toString(count), "password", options.getOrDefault("--user-password", SeedUsersCommand.DEFAULT_PASSWORD)));
            System.out.printf("users %d..%d: %s (%.0f s)%n", first, first + count - 1, answer, (System.nanoTime() - started) / 1e9);
        }
        System.out.println(post(http, endpoint, Map.of("what", "lock", "prefix", prefix)));
        for (int first = 0; first < events; first += EVENT_BATCH) {
            int count = Math.min(EVENT_BATCH, events - first);
            String answer = post(http, endpoint, Map.of("what", "events", "prefix", prefix, "users", Integer.toString(users),
                    "first", Integer.toString(first), "count", Integer.toString(count)));
            System.out.printf("events %d..%d: %s (%.0f s)%n", first, first + count - 1, answer, (System.nanoTime() - started) / 1e9);
        }
        System.out.printf("seeded in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static String post(HttpClient http, URI endpoint, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(form.get("what") + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body().strip();
    }
}
