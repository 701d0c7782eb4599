package org.mfaportal.bench.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mfaportal.bench.seed.SeedUsersCommand.Batch;
import org.mfaportal.bench.seed.SeedUsersCommand.Seeded;
import org.mfaportal.bench.users.SeededUser;

/** A seeding server on loopback whose answers break off, as the portal's did under load. */
class SeedUsersCommandTest {

    private static final String TOTP_COLUMNS = "\tJBSWY3DPEHPK3PXP\tSHA1\t6\t30\t1000\tcode-1,code-2";

    private final List<Map<String, String>> requests = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aBrokenOffAnswerIsAskedAgainForTheRestAndTheCommandFinishes() throws Exception {
        URI base = serve((form, attempt) -> attempt == 1
                ? List.of("bench-totp-000001" + TOTP_COLUMNS)   // breaks off after one of three
                : List.of("#exists\tbench-totp-000002", "bench-totp-000003" + TOTP_COLUMNS));

        Seeded seeded = new Batch("bench-totp-", "totp", 1, 3).seedWithRetries(client(), base, "pw");

        assertEquals(List.of("bench-totp-000001", "bench-totp-000003"), usernames(seeded.users()));
        assertEquals(List.of("bench-totp-000002"), seeded.lost(), "made by the broken request, its secret unknown");
        assertEquals("1", requests.get(0).get("first"));
        assertEquals(null, requests.get(0).get("existing"));
        assertEquals("2", requests.get(1).get("first"));
        assertEquals("2", requests.get(1).get("count"));
        assertEquals("report", requests.get(1).get("existing"));
    }

    @Test
    void aPasswordOnlyAccountMadeByABrokenRequestIsStillUsable() throws Exception {
        URI base = serve((form, attempt) -> attempt == 1
                ? List.of()
                : List.of("#exists\tbench-pw-000001", "bench-pw-000002\t\t\t\t\t\t"));

        Seeded seeded = new Batch("bench-pw-", "none", 1, 2).seedWithRetries(client(), base, "pw");

        assertEquals(List.of("bench-pw-000001", "bench-pw-000002"), usernames(seeded.users()));
        assertEquals(List.of(), seeded.lost());
    }

    @Test
    void aServerThatNeverAnswersFullyEndsTheCommandWithTheReason() throws Exception {
        URI base = serve((form, attempt) -> List.of());

        IOException failure = assertThrows(IOException.class,
                () -> new Batch("bench-pw-", "none", 1, 2).seedWithRetries(client(), base, "pw"));

        assertEquals(SeedUsersCommand.ATTEMPTS, requests.size());
        assertEquals(true, failure.getMessage().contains("failed " + SeedUsersCommand.ATTEMPTS + " times"), failure.getMessage());
    }

    private URI serve(BiFunction<Map<String, String>, Integer, List<String>> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/bench/users", exchange -> respond(exchange, answer));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private synchronized void respond(HttpExchange exchange, BiFunction<Map<String, String>, Integer, List<String>> answer)
            throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = Arrays.stream(body.split("&")).map(field -> field.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        requests.add(form);
        byte[] lines = answer.apply(form, requests.size()).stream().map(line -> line + "\n")
                .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(lines);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static List<String> usernames(List<SeededUser> users) {
        return users.stream().map(SeededUser::username).toList();
    }
}
