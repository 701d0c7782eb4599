package org.mfaportal.bench.load;

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

/**
 * One virtual user's browser: the shared HTTP client (connections are pooled like a browser's) with this user's own
 * cookie jar. Redirects are not followed, so each step can check where the portal sends the user.
 */
final class BrowserSession {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI baseUrl;
    private final CookieJar cookies = new CookieJar();
    private final Duration requestTimeout;
    private long requestsSent;

    BrowserSession(HttpClient http, URI baseUrl) {
        this(http, baseUrl, REQUEST_TIMEOUT);
    }

    BrowserSession(HttpClient http, URI baseUrl, Duration requestTimeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
    }

    /** Shared by all virtual users; redirects are the driver's to follow. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Requests this browser has sent so far (one virtual user's browser is used by one thread at a time). */
    long requestsSent() {
        return requestsSent;
    }

    void startOver() {
        cookies.clear();
    }

    Page get(String path) throws IOException, InterruptedException {
        return get(baseUrl.resolve(path));
    }

    Page get(URI uri) throws IOException, InterruptedException {
        return send(request(uri).GET());
    }

    /** Submits the form as clicking {@code button} would: its hidden fields, the typed fields and the button's name. */
    Page submit(FacesForm form, Map<String, String> typedFields, String button) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(form.hiddenFields());
        fields.putAll(typedFields);
        fields.put(button, "");
        String body = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Submits the form as a PrimeFaces AJAX button does ({@code process="@form"}): all of {@code fields}, the form's
     * hidden fields and the partial-request parameters; the answer is a Faces partial-response document.
     */
    Page submitAjax(FacesForm form, String formId, String button, String render, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>(form.hiddenFields());
        body.putAll(fields);
        body.put("jakarta.faces.partial.ajax", "true");
        body.put("jakarta.faces.source", button);
        body.put("jakarta.faces.partial.execute", formId);
        body.put("jakarta.faces.partial.render", render);
        body.put(button, button);
        String encoded = body.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    /** What the portal's webauthn.js does: {@code fetch} with a JSON body, answered with JSON. */
    Page postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(baseUrl.resolve(path))
                .setHeader("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(URI uri) {
        if (!uri.getHost().equals(baseUrl.getHost()) || uri.getPort() != baseUrl.getPort()) {
            throw new IllegalStateException("The portal redirected away from " + baseUrl + ": " + uri);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "text/html,application/xhtml+xml")
                .header("User-Agent", "mfa-portal-bench");
        cookies.header().ifPresent(header -> request.header("Cookie", header));
        return request;
    }

    private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        requestsSent++;
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        cookies.keepFrom(response.headers());
        return new Page(built.uri(), response.statusCode(), response.headers().firstValue("Location"), response.body());
    }
}
