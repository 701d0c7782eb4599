package org.mfaportal.bench.seed;

import static org.mfaportal.bench.cli.CommandLineOptions.parse;
import static org.mfaportal.bench.cli.CommandLineOptions.required;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;
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
 * so requests go in batches, as many at once as the server has cores. A batch whose answer breaks off is asked again
 * for the accounts not yet answered; the command always finishes, naming any account whose secret was lost.
 */
public final class SeedUsersCommand {

    static final int BATCH = 20;
    static final String DEFAULT_PASSWORD = "bench-sign-in-password";
    static final int ATTEMPTS = 5;
    /** The seeding servlet's mark for an account that existed before the request (BenchUserSeedingServlet). */
    static final String EXISTING_MARK = "#exists";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI base = LocalServer.baseUrl(options.getOrDefault("--base-url", "http://localhost:8780"));
        Path out = Path.of(required(options, "--out"));
        int passwordOnly = Integer.parseInt(options.getOrDefault("--password-only-users", "200"));
        int withApp = Integer.parseInt(options.getOrDefault("--totp-users", "400"));
        String password = options.getOrDefault("--password", DEFAULT_PASSWORD);
        int parallel = Integer.parseInt(options.getOrDefault("--parallel", Integer.toString(Runtime.getRuntime().availableProcessors())));

        // HTTP/1.1 only: the JDK client's default h2c upgrade on a long streamed POST broke off with "EOF reached
        // while reading" after a few hundred users on a busy machine.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Batch> batches = new ArrayList<>();
        batches.addAll(Batch.split("bench-pw-", "none", passwordOnly));
        batches.addAll(Batch.split("bench-totp-", "totp", withApp));

        long started = System.nanoTime();
        List<SeededUser> users = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        ExecutorService requests = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<Seeded>> answers = new ArrayList<>();
            for (Batch batch : batches) {
                answers.add(requests.submit(() -> batch.seedWithRetries(http, base, password)));
            }
            for (Future<Seeded> answer : answers) {
                Seeded seeded = answer.get();
                users.addAll(seeded.users());
                lost.addAll(seeded.lost());
                System.out.printf("seeded %d of %d users%n", users.size(), passwordOnly + withApp);
            }
        } finally {
            requests.shutdownNow();
        }
        UsersFile.write(out, users);
        System.out.printf("wrote %d users (%d password only, %d with an authenticator app asked) to %s in %.0f s%n",
                users.size(), passwordOnly, withApp, out, (System.nanoTime() - started) / 1e9);
        if (!lost.isEmpty()) {
            System.out.printf("%d accounts were created but their answer broke off, so their authenticator secrets are "
                    + "unknown and they are not in the users file: %s%n", lost.size(), String.join(", ", lost));
        }
    }

    /** What one batch gave: users the load driver can sign in as, and accounts made whose secrets never arrived. */
    record Seeded(List<SeededUser> users, List<String> lost) {
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

        /**
         * Seeds the batch; when the answer breaks off, asks again for the accounts not yet answered, up to
         * {@link #ATTEMPTS} times. An account the broken request made but did not answer comes back as existing: a
         * password-only one is still usable, one with an app is reported as lost (its secret is sealed on the server).
         */
        Seeded seedWithRetries(HttpClient http, URI base, String password) throws IOException, InterruptedException {
            List<SeededUser> users = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            Batch remaining = this;
            for (int attempt = 1; ; attempt++) {
                List<String> lines = new ArrayList<>();
                try {
                    remaining.request(http, base, password, attempt > 1, lines);
                } catch (IOException brokenOff) {
                    if (attempt == ATTEMPTS) {
                        throw new IOException("Seeding " + remaining + " failed " + ATTEMPTS + " times", brokenOff);
                    }
                    System.out.printf("seeding %s broke off after %d accounts (%s); asking again for the rest%n",
                            remaining, lines.size(), brokenOff.getMessage());
                }
                for (String line : lines) {
                    if (!line.startsWith(EXISTING_MARK + "\t")) {
                        users.add(UsersFile.fromSeedingAnswer(line, password));
                    } else if ("none".equals(factor)) {
                        users.add(UsersFile.fromSeedingAnswer(line.substring(EXISTING_MARK.length() + 1) + "\t".repeat(6), password));
                    } else {
                        lost.add(line.substring(EXISTING_MARK.length() + 1));
                    }
                }
                int answered = lines.size();
                if (answered >= remaining.count) {
                    return new Seeded(users, lost);
                }
                remaining = new Batch(prefix, factor, remaining.first + answered, remaining.count - answered);
            }
        }

        /** Adds each answer line to {@code lines} as it arrives, so a broken-off answer keeps what came. */
        private void request(HttpClient http, URI base, String password, boolean retry, List<String> lines)
                throws IOException, InterruptedException {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("prefix", prefix);
            form.put("first", Integer.toString(first));
            form.put("count", Integer.toString(count));
            form.put("factor", factor);
            form.put("password", password);
            if (retry) {
                form.put("existing", "report");
            }
            String body = form.entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/bench/users"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> answer = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Seeding " + this + " was refused: HTTP " + response.statusCode() + " "
                            + answer.collect(Collectors.joining(" ")));
                }
                answer.filter(line -> !line.isBlank()).forEachOrdered(lines::add);
            } catch (UncheckedIOException brokenOff) {
                throw brokenOff.getCause();
            }
            if (lines.size() != count) {
                throw new IOException("answered " + lines.size() + " accounts instead of " + count);
            }
        }
    }
}
