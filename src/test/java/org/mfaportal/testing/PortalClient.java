package org.mfaportal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An HTTP client with its own cookie jar (one browser session) for tests of the JSON API. */
public final class PortalClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    /** PrimeFaces' CSP mode: its script puts the page's nonce into every form; a client without scripts does it here. */
    public static final Pattern CSP_NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new LoopbackCookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String baseUrl;

    public record Answer(int status, String body, String path) {
    }

    public PortalClient(URL deploymentUrl) {
        this.baseUrl = Browser.localhost(deploymentUrl);
    }

    /** The origin browsers send from pages of this deployment. */
    public String origin() {
        return baseUrl;
    }

    public String newAccount() {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/test-support/new-account")).POST(HttpRequest.BodyPublishers.noBody())).body();
    }

    public String newAccount(String group) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/test-support/new-account?group=" + encode(group)))
                .POST(HttpRequest.BodyPublishers.noBody())).body();
    }

    /** Sets a group's MFA policy through the test-support servlet (required or not, grace days, allowed kinds). */
    public void setPolicy(String group, boolean required, int graceDays, String allowedKinds) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/test-support/policy?group=" + encode(group) + "&required=" + required + "&grace=" + graceDays
                + "&factors=" + encode(allowedKinds))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Sets a group's MFA policy with rules on security keys: attestation required or not, allowed models (AAGUIDs). */
    public void setPolicy(String group, boolean required, int graceDays, String allowedKinds, boolean attestation, String... models) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/test-support/policy?group=" + encode(group) + "&required=" + required + "&grace=" + graceDays
                + "&factors=" + encode(allowedKinds) + "&attestation=" + attestation + "&models=" + encode(String.join(",", models))))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public long auditCount(String username, String type) {
        return Long.parseLong(get("/test-support/audit-count?username=" + encode(username) + "&type=" + type).body());
    }

    /** How many audit events of a type are about no account (e.g. refused cross-site requests). */
    public long auditCount(String type) {
        return Long.parseLong(get("/test-support/audit-count?type=" + type).body());
    }

    /** Signs in through the login form; answers with the page it ended on. */
    public Answer signIn(String username, String password) {
        return send(signInRequest(username, password));
    }

    /**
     * The login form's POST as the page would send it (view state and CSP nonce taken from a fresh GET), without any
     * header a browser adds: add {@code Origin} / {@code Sec-Fetch-Site} to play a browser.
     */
    public HttpRequest.Builder signInRequest(String username, String password) {
        return formRequest("/login", signInForm(username, password));
    }

    /** The fields of the login form's POST, in the page's order, from a fresh GET of the page. */
    public Map<String, String> signInForm(String username, String password) {
        String page = get("/login").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:signIn", "");
        form.put("jakarta.faces.ViewState", find(VIEW_STATE, page, "view state"));
        form.put("primefaces.nonce", find(CSP_NONCE, page, "CSP nonce").replace("\\/", "/"));
        return form;
    }

    /** A form POST of these fields to {@code path}, URL-encoded, headers a browser would add left to the caller. */
    public HttpRequest.Builder formRequest(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** The login form's POST as a browser without script sends it: no CSP nonce (PrimeFaces' script adds it). */
    public Answer signInWithoutScript(String username, String password) {
        Map<String, String> form = signInForm(username, password);
        form.remove("primefaces.nonce");
        return send(formRequest("/login", form));
    }

    private static String find(Pattern pattern, String page, String what) {
        Matcher matcher = pattern.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + what + " on the login page");
        }
        return matcher.group(1);
    }

    /**
     * Submits a Faces form of the page at {@code path} (non-Ajax): {@code fields} by their ids inside the form, the
     * button by its id.
     */
    public Answer submitForm(String path, String formId, Map<String, String> fields, String buttonId) {
        Matcher viewState = VIEW_STATE.matcher(get(path).body());
        if (!viewState.find()) {
            throw new IllegalStateException("No view state on " + path);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        fields.forEach((id, value) -> form.put(formId + ":" + id, value));
        form.put(formId + ":" + buttonId, "");
        form.put("jakarta.faces.ViewState", viewState.group(1));
        return send(formRequest(path, form));
    }

    /** A POST without body to a test-support address; answers the response. */
    public Answer post(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Answer postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request in this client's session, answered with everything (status, headers, body). */
    public HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // the page a response holds: the password form answers with the second-factor page and says so in
            // Content-Location (a browser's address bar gets it from the page's script)
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Location")
                    .orElse(response.uri().getRawPath() + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Sends Secure cookies to http://localhost like browsers do (loopback hosts are potentially trustworthy origins in
     * the Secure Contexts spec; Chromium and Firefox keep and send Secure cookies there). The JDK's CookieManager
     * sends them only over https, so the portal's Secure session cookie would be lost between requests.
     */
    public static final class LoopbackCookieManager extends CookieManager {

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return super.get(isLoopbackHttp(uri) ? URI.create("https" + uri.toString().substring(4)) : uri, requestHeaders);
        }

        private static boolean isLoopbackHttp(URI uri) {
            String host = uri.getHost();
            return "http".equalsIgnoreCase(uri.getScheme()) && host != null
                    && (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]"));
        }
    }
}
