package org.mfaportal.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bench WAR's own endpoints (/bench/*): table sizes, live sessions, the server's cost of one password check, the
 * CPU of its slow hashes so far.
 */
final class BenchEndpoints {

    private final HttpClient http;
    private final URI baseUrl;

    BenchEndpoints(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** Rows of the portal's tables (pending_login_rows, audit_event_rows, ...) and http_sessions. */
    Map<String, Long> state() throws IOException, InterruptedException {
        Map<String, Long> state = new LinkedHashMap<>();
        fetch("/bench/state").forEach((name, value) -> state.put(name, Long.parseLong(value)));
        return state;
    }

    /** The portal's slow hashes (passwords, recovery codes) since the server started: their CPU time and number. */
    record Hashing(long cpuNanos, long count) {

        Hashing minus(Hashing earlier) {
            return new Hashing(cpuNanos - earlier.cpuNanos, count - earlier.count);
        }
    }

    Hashing hashing() throws IOException, InterruptedException {
        Map<String, String> totals = fetch("/bench/hashing");
        return new Hashing(Long.parseLong(totals.get("slow_hash_cpu_nanos")), Long.parseLong(totals.get("slow_hashes")));
    }

    /** One password check through the portal's PasswordHasher, in the server: cpu_ms_median, wall_ms_median, ... */
    Map<String, Double> passwordCheckCost(int samples) throws IOException, InterruptedException {
        Map<String, Double> cost = new LinkedHashMap<>();
        fetch("/bench/password-check-cost?samples=" + samples).forEach((name, value) -> cost.put(name, Double.parseDouble(value)));
        return cost;
    }

    /** Switches H2's reuse of unchanged query results on or off for the whole database (see AdminPagesDriver). */
    static String setH2ResultReuse(HttpClient http, URI baseUrl, boolean enabled) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl.resolve("/bench/admin-population"))
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("what=h2-result-reuse&enabled=" + enabled))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/bench/admin-population h2-result-reuse: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body().strip();
    }

    private Map<String, String> fetch(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + response.statusCode() + " (is the bench WAR deployed?)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        response.body().lines().map(line -> line.split("\t")).filter(columns -> columns.length == 2)
                .forEach(columns -> values.put(columns[0], columns[1]));
        return values;
    }
}
