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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An HTTP client with its own cookie jar (one browser session) for tests of the JSON API. */
public final class PortalClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
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

    /** Signs in through the login form; answers with the page it ended on. */
    public Answer signIn(String username, String password) {
        Matcher viewState = VIEW_STATE.matcher(get("/login").body());
        if (!viewState.find()) {
            throw new IllegalStateException("No view state on the login page");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:signIn", "");
        form.put("jakarta.faces.ViewState", viewState.group(1));
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
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

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.uri().getRawPath()
                    + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery()));
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
}
