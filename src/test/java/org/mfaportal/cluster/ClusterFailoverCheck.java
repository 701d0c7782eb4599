package org.mfaportal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mfaportal.testing.PortalClient;
import org.junit.jupiter.api.TestMethodOrder;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.mfa.webauthn.EmulatedAuthenticator;

/**
 * Two nodes behind the balancer (src/it/cluster/run.sh starts them and runs this class; it is not part of
 * {@code ./mvnw verify}). Java's HTTP client stands in for the browser: one cookie jar per visitor. Requests go through
 * the balancer, or straight to one node where a check needs "this node, then the other". Cookies for localhost are
 * sent to every port, so a visitor that turns to the other node brings its session cookie along, as after a
 * fail-over. Sessions are sticky and not replicated (docs/architecture.md): what must hold across nodes is in the
 * database, and a visitor whose node died signs in again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverCheck {

    private static final String BALANCER = System.getProperty("cluster.balancer", "http://localhost:9080");
    private static final Map<String, String> NODES = Map.of(
            "node-a", System.getProperty("cluster.node-a", "http://localhost:8880"),
            "node-b", System.getProperty("cluster.node-b", "http://localhost:8980"));
    private static final Path SCRIPT = Path.of(System.getProperty("cluster.script", "src/it/cluster/cluster.sh"));

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final String WRONG_PASSWORD = "The username or password is incorrect.";
    private static final String THROTTLED = "Too many attempts.";
    private static final String SESSION_LOST = "Your sign-in could not go on: the server handling it was restarted";

    /** An account made on one node, with an authenticator app when asked. */
    private record Account(String username, String password, byte[] secret, long enrolledStep) {

        String code(long step) {
            return Totp.defaults().codeAt(secret, step);
        }
    }

    private record Page(int status, String body, String path) {
    }

    /** One browser: its own cookies; it speaks to the balancer or to one node. */
    private static final class Visitor {

        private final CookieManager cookies = new PortalClient.LoopbackCookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private String lastViewState;
        private String lastCspNonce;

        Page get(String base, String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Page postForm(String base, String path, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        Page postJson(String base, String path, String json) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        /** The login form, from the page {@code base} serves; answers the page the sign-in ended on. */
        Page password(String base, String username, String password) {
            get(base, "/login");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("login", "login");
            form.put("login:username", username);
            form.put("login:password", password);
            form.put("login:signIn", "");
            form.put("jakarta.faces.ViewState", lastViewState);
            // the sign-in view is stateless: PrimeFaces' CSP mode checks the nonce its script adds to the form
            form.put("primefaces.nonce", lastCspNonce);
            return postForm(base, "/login", form);
        }

        /** The code form of the second-factor page this visitor was shown last (posted wherever {@code base} routes it). */
        Page code(String base, String code) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("secondFactor", "secondFactor");
            form.put("secondFactor:code", code);
            form.put("secondFactor:verify", "");
            form.put("jakarta.faces.ViewState", lastViewState);
            form.put("primefaces.nonce", lastCspNonce);
            return postForm(base, "/mfa/authenticate", form);
        }

        /** The node whose session this visitor holds: the route the balancer appended to the session cookie. */
        Optional<String> route() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> "JSESSIONID".equals(c.getName())).map(HttpCookie::getValue)
                    .filter(v -> v.contains(".")).map(v -> v.substring(v.lastIndexOf('.') + 1)).findFirst();
        }

        private Page send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher viewState = VIEW_STATE.matcher(response.body());
                if (viewState.find()) {
                    lastViewState = viewState.group(1);
                }
                Matcher nonce = PortalClient.CSP_NONCE.matcher(response.body());
                if (nonce.find()) {
                    lastCspNonce = nonce.group(1).replace("\\/", "/");
                }
                URI uri = response.uri();
                // the password form answers with the second-factor page itself and names it in Content-Location
                String path = response.headers().firstValue("Content-Location")
                        .orElse(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                return new Page(response.statusCode(), response.body(), path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Account newAccount(String node, boolean totp) {
        Page answer = new Visitor().postForm(NODES.get(node), "/test-support/cluster/account?totp=" + totp, Map.of());
        assertEquals(200, answer.status(), answer.body());
        String[] parts = answer.body().strip().split(" ");
        return totp ? new Account(parts[0], parts[1], Base32.decode(parts[2]), Long.parseLong(parts[3])) : new Account(parts[0], parts[1], null, 0);
    }

    private static String other(String node) {
        return "node-a".equals(node) ? "node-b" : "node-a";
    }

    private static void cluster(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        // through this JVM's System.out: output written straight to the inherited descriptor corrupts Surefire's channel
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.out);
        assertEquals(0, process.waitFor(), "cluster.sh " + String.join(" ", arguments));
    }

    private static void assertNoErrorPage(Page page) {
        assertTrue(page.status() < 500, () -> "HTTP " + page.status() + " at " + page.path());
        assertFalse(page.body().contains("Something went wrong"), () -> "error page at " + page.path());
        assertFalse(page.path().startsWith("/error/"), () -> "error page at " + page.path());
    }

    @Test
    @Order(1)
    void aTotpCodeAcceptedViaOneNodeIsRefusedViaTheOther() {
        Account account = newAccount("node-a", true);
        String code = account.code(account.enrolledStep() + 1);

        Visitor first = new Visitor();
        assertEquals("/mfa/authenticate", first.password(NODES.get("node-a"), account.username(), account.password()).path());
        Page accepted = first.code(NODES.get("node-a"), code);
        assertEquals("/", accepted.path(), "the code completes the sign-in on node-a");

        Visitor replay = new Visitor();
        assertEquals("/mfa/authenticate", replay.password(NODES.get("node-b"), account.username(), account.password()).path());
        Page refused = replay.code(NODES.get("node-b"), code);
        assertEquals("/mfa/authenticate", refused.path(), "the same code is refused on node-b");
        assertNoErrorPage(refused);
        assertEquals("/mfa/authenticate", replay.get(NODES.get("node-b"), "/").path(), "the replaying visitor is still not signed in");
    }

    @Test
    @Order(2)
    void passwordFailuresOfOneUsernameAddUpAcrossNodes() {
        String username = "nobody-" + System.nanoTime();
        Visitor visitor = new Visitor();
        // five failures are answered (four free, the fifth starts the wait), alternating nodes; the sixth attempt is
        // throttled whichever node it reaches: the count is one, in the database
        for (int attempt = 0; attempt < 5; attempt++) {
            Page page = visitor.password(NODES.get(attempt % 2 == 0 ? "node-a" : "node-b"), username, "wrong-" + attempt);
            assertTrue(page.body().contains(WRONG_PASSWORD), "attempt " + (attempt + 1) + " is an ordinary failure");
        }
        Page sixth = visitor.password(NODES.get("node-b"), username, "wrong-5");
        assertTrue(sixth.body().contains(THROTTLED), "the sixth attempt, counted with node-a's failures, is throttled on node-b");
        Page seventh = visitor.password(NODES.get("node-a"), username, "wrong-6");
        assertTrue(seventh.body().contains(THROTTLED), "node-a throttles the same username");
    }

    @Test
    @Order(3)
    void wrongSecondFactorsAddUpAcrossNodesToALockout() {
        Account account = newAccount("node-b", true);
        long wrongStep = account.enrolledStep() + 1_000;
        for (String node : List.of("node-a", "node-b")) {
            Visitor visitor = new Visitor();
            assertEquals("/mfa/authenticate", visitor.password(NODES.get(node), account.username(), account.password()).path());
            Page last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                last = visitor.code(NODES.get(node), account.code(wrongStep + attempt));
                assertNoErrorPage(last);
            }
            assertTrue(last.path().startsWith("/login?notice="), "five wrong codes end the sign-in on " + node + ": " + last.path());
        }
        Page locked = new Visitor().password(NODES.get("node-a"), account.username(), account.password());
        assertTrue(locked.body().contains("This account is locked"), "ten wrong codes over both nodes locked the account");
    }

    @Test
    @Order(4)
    void aPasskeyCeremonyStartedOnOneNodeFinishesOnTheOther() {
        Account account = newAccount("node-a", false);
        Visitor owner = new Visitor();
        assertEquals("/", owner.password(NODES.get("node-a"), account.username(), account.password()).path());
        EmulatedAuthenticator passkey = new EmulatedAuthenticator(BALANCER);
        String creation = owner.postJson(NODES.get("node-a"), "/api/webauthn/registration/options", "{\"passkey\":true}").body();
        String credential = passkey.create(creation, null);
        String registration = "{\"name\":\"Phone\",\"passkey\":true,\"credential\":" + credential + "}";
        assertEquals(201, owner.postJson(NODES.get("node-a"), "/api/webauthn/registration", registration).status());

        Visitor visitor = new Visitor();
        String options = visitor.postJson(NODES.get("node-a"), "/api/webauthn/passkey/options", "{}").body();
        Page signedIn = visitor.postJson(NODES.get("node-b"), "/api/webauthn/passkey", passkey.get(options, null));
        assertEquals(200, signedIn.status(), signedIn.body());
        assertEquals("/", visitor.get(NODES.get("node-b"), "/").path(), "signed in on node-b");
    }

    @Test
    @Order(5)
    void whenTheNodeDiesBetweenPasswordAndCodeTheUserIsSentBackToThePasswordThenSignsInOnTheOther() throws Exception {
        Account account = newAccount("node-a", true);
        Visitor visitor = new Visitor();
        assertEquals("/mfa/authenticate", visitor.password(BALANCER, account.username(), account.password()).path());
        String first = visitor.route().orElseThrow(() -> new AssertionError("no route in the session cookie"));

        cluster("kill", first);
        Page afterFailover = visitor.code(BALANCER, account.code(account.enrolledStep() + 1));
        assertNoErrorPage(afterFailover);
        assertEquals("/login?notice=session-lost", afterFailover.path());
        assertTrue(afterFailover.body().contains(SESSION_LOST), "the login page says why");

        assertEquals("/mfa/authenticate", visitor.password(BALANCER, account.username(), account.password()).path());
        assertEquals(other(first), visitor.route().orElseThrow());
        assertEquals("/", visitor.code(BALANCER, account.code(account.enrolledStep() + 1)).path(), "signed in on the surviving node");

        cluster("start", first);
    }

    @Test
    @Order(6)
    void aSignedInUserWhoseNodeDiesIsAskedToSignInAgainAndARestartedNodeLostNothing() throws Exception {
        Account account = newAccount("node-b", true);
        Visitor visitor = new Visitor();
        assertEquals("/mfa/authenticate", visitor.password(BALANCER, account.username(), account.password()).path());
        assertEquals("/", visitor.code(BALANCER, account.code(account.enrolledStep() + 1)).path());
        String node = visitor.route().orElseThrow();
        assertEquals(200, visitor.get(BALANCER, "/account/security/").status());

        cluster("kill", node);
        Page asked = visitor.get(BALANCER, "/account/security/");
        assertNoErrorPage(asked);
        assertTrue(asked.path().startsWith("/login"), "asked to sign in again: " + asked.path());

        // committed before the kill: the account, its sealed app secret and its last used step are in the database
        cluster("start", node);
        Visitor again = new Visitor();
        assertEquals("/mfa/authenticate", again.password(NODES.get(node), account.username(), account.password()).path());
        long step = Math.max(Totp.defaults().timeStep(Instant.now()), account.enrolledStep() + 2);
        assertEquals("/", again.code(NODES.get(node), account.code(step)).path(), "the restarted node signs the user in with their app");
        assertEquals(Optional.of(node), again.route());
    }
}
