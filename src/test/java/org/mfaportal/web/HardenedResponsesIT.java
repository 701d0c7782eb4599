package org.mfaportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;

/**
 * What every response says to the browser (CSP with PrimeFaces' nonce, nosniff, referrer policy, no framing, HSTS
 * over HTTPS only), the cookie flags outside dev mode, the HTTPS listener of wildfly-config/https.cli, and login CSRF:
 * cross-site posts to the sign-in endpoints are refused, and showing the sign-in form creates no HTTP session.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardenedResponsesIT {

    private static final Pattern STYLE_SHEET = Pattern.compile("<link [^>]*href=\"([^\"]*jakarta\\.faces\\.resource[^\"]*)\"");
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script[^>]*>");
    private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");
    private static final String ATTACKER = "https://attacker.example";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    @ArquillianResource
    ManagementClient management;

    private String base;
    private final HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void base() {
        base = Browser.localhost(deploymentUrl);
    }

    @Test
    void pagesCarryPrimeFacesNoncePolicyWithoutUnsafeInlineScripts() {
        HttpResponse<String> login = get(plain, base + "/login");
        assertEquals(200, login.statusCode());
        assertHardened(login, "/login");
        String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        String scriptSrc = directive(policy, "script-src");
        assertFalse(scriptSrc.contains("unsafe-inline"), policy);
        assertFalse(scriptSrc.contains("unsafe-eval"), policy);
        Matcher nonce = NONCE.matcher(scriptSrc);
        assertTrue(nonce.find(), policy);
        Matcher scripts = SCRIPT_TAG.matcher(login.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group().contains("nonce=\"" + nonce.group(1) + "\""), "every script carries the page's nonce: " + scripts.group());
        }
        assertTrue(count > 1, "PrimeFaces renders scripts");
        assertFalse(login.body().matches("(?s).*\\son[a-z]+=\".*"), "no inline event handler attributes");
        String next = get(plain, base + "/login").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertFalse(next.equals(policy), "a fresh nonce for every response");
    }

    @Test
    void errorPagesStaticResourcesAndTheApiCarryTheHeadersToo() {
        HttpResponse<String> failure = get(plain, base + "/test-support/fail");
        assertEquals(500, failure.statusCode());
        assertHardened(failure, "500 page");
        assertTrue(failure.body().contains("Something went wrong"), failure.body());

        PortalClient staff = new PortalClient(deploymentUrl);
        String username = staff.newAccount();
        assertEquals("/", staff.signIn(username, TestSupportServlet.PASSWORD).path());

        // only a signed-in user meets a 404 (deny by default: anonymous requests go to the sign-in page)
        HttpResponse<String> notFound = staff.sendRaw(HttpRequest.newBuilder(URI.create(base + "/no-such-page")).GET());
        assertEquals(404, notFound.statusCode());
        assertHardened(notFound, "404 page");
        assertTrue(directive(notFound.headers().firstValue("Content-Security-Policy").orElseThrow(), "script-src").contains("'nonce-"),
                "the error page is a page: PrimeFaces' policy");

        HttpResponse<String> forbidden = staff.sendRaw(HttpRequest.newBuilder(URI.create(base + "/admin/")).GET());
        assertEquals(403, forbidden.statusCode());
        assertHardened(forbidden, "403 page");

        Matcher styleSheet = STYLE_SHEET.matcher(get(plain, base + "/login").body());
        assertTrue(styleSheet.find());
        HttpResponse<String> css = get(plain, base + styleSheet.group(1).replace("&amp;", "&"));
        assertEquals(200, css.statusCode());
        assertHardened(css, "style sheet");

        HttpResponse<String> api = staff.sendRaw(HttpRequest.newBuilder(URI.create(base + "/api/webauthn/passkey/options"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, api.statusCode(), api.body());
        assertHardened(api, "JSON API");
        assertEquals("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                api.headers().firstValue("Content-Security-Policy").orElseThrow());
    }

    @Test
    void cookiesAreSecureHttpOnlyAndSameSiteOutsideDevMode() {
        // a protected page remembers where to return to: the session starts here
        HttpResponse<String> redirect = get(plain, base + "/account/security/");
        assertEquals(302, redirect.statusCode());
        assertHardened(redirect, "the sign-in mechanism's redirect to the login page");
        List<String> cookies = redirect.headers().allValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(cookie -> cookie.startsWith("JSESSIONID=")), cookies.toString());
        for (String cookie : cookies) {
            assertTrue(cookie.matches("(?i).*;\\s*Secure(;.*|$)"), cookie);
            assertTrue(cookie.matches("(?i).*;\\s*HttpOnly(;.*|$)"), cookie);
            assertTrue(cookie.matches("(?i).*;\\s*SameSite=(Lax|Strict)(;.*|$)"), cookie);
        }
    }

    @Test
    void httpsListenerServesThePortalWithStrictTransportSecurity() throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(trustingTheTestKeyStore()).followRedirects(HttpClient.Redirect.NEVER).build();
        int httpsPort = 8443 + Integer.getInteger("test.port.offset");
        HttpResponse<String> login = get(tls, "https://localhost:" + httpsPort + "/login");
        assertEquals(200, login.statusCode());
        assertHardened(login, "/login over HTTPS");
        assertEquals("max-age=31536000", login.headers().firstValue("Strict-Transport-Security").orElse(null));
        assertTrue(login.body().contains("id=\"login\""));

        HttpResponse<String> redirect = get(tls, "https://localhost:" + httpsPort + "/account/security/");
        assertEquals(302, redirect.statusCode());
        assertEquals("max-age=31536000", redirect.headers().firstValue("Strict-Transport-Security").orElse(null),
                "the sign-in mechanism's redirect renews HSTS too");
        List<String> cookies = redirect.headers().allValues("Set-Cookie");
        assertFalse(cookies.isEmpty());
        assertTrue(cookies.stream().allMatch(cookie -> cookie.matches("(?i).*;\\s*Secure(;.*|$)")), cookies.toString());
    }

    @Test
    void loginFormPostedFromAnotherSiteIsRefusedAndAudited() {
        PortalClient client = new PortalClient(deploymentUrl);
        String username = client.newAccount();
        long refusedBefore = client.auditCount("CROSS_SITE_REQUEST_REFUSED");

        HttpResponse<String> crossSite = client.sendRaw(client.signInRequest(username, TestSupportServlet.PASSWORD)
                .header("Origin", ATTACKER).header("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.body().contains("sent from another website"), crossSite.body());
        assertHardened(crossSite, "refusal");
        assertEquals(0, client.auditCount(username, "PASSWORD_ACCEPTED"), "the password was not even checked");

        // a browser without Sec-Fetch-Site: its Origin decides; a sibling site is another site
        assertEquals(403, client.sendRaw(client.signInRequest(username, TestSupportServlet.PASSWORD).header("Origin", ATTACKER)).statusCode());
        assertEquals(403, client.sendRaw(client.signInRequest(username, TestSupportServlet.PASSWORD)
                .header("Origin", "http://other.localhost").header("Sec-Fetch-Site", "same-site")).statusCode());
        assertEquals(403, client.sendRaw(client.signInRequest(username, TestSupportServlet.PASSWORD).header("Origin", "null")).statusCode());
        assertEquals(refusedBefore + 4, client.auditCount("CROSS_SITE_REQUEST_REFUSED"));
        assertEquals("/login", client.get("/account/security/").path(), "still signed out");

        // the same form from the portal's own page signs in (and returns to the page asked for above)
        PortalClient.Answer own = client.send(client.signInRequest(username, TestSupportServlet.PASSWORD)
                .header("Origin", client.origin()).header("Sec-Fetch-Site", "same-origin"));
        assertEquals("/account/security/", own.path());
    }

    @Test
    void secondFactorAndPasskeyEndpointsRefuseCrossSitePosts() {
        PortalClient client = new PortalClient(deploymentUrl);
        HttpResponse<String> passkey = client.sendRaw(HttpRequest.newBuilder(URI.create(base + "/api/webauthn/passkey/options"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Origin", ATTACKER).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, passkey.statusCode());
        assertTrue(passkey.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(passkey.body().contains("\"message\":\"The form was sent from another website"), passkey.body());

        HttpResponse<String> code = client.sendRaw(HttpRequest.newBuilder(URI.create(base + "/mfa/authenticate"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", ATTACKER)
                .POST(HttpRequest.BodyPublishers.ofString("secondFactor=secondFactor&secondFactor%3Acode=123456")));
        assertEquals(403, code.statusCode());

        HttpResponse<String> sameOrigin = client.sendRaw(HttpRequest.newBuilder(URI.create(base + "/api/webauthn/passkey/options"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Origin", client.origin()).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
    }

    @Test
    void aFormWithAnExpiredViewOrWithoutItsPageNonceGetsThePageExpiredAnswerNotAnError() {
        PortalClient client = new PortalClient(deploymentUrl);
        String username = client.newAccount();

        // a wrong password re-renders the form, and PrimeFaces checks the page's nonce then: a hand-made form lacks it
        Map<String, String> withoutNonce = client.signInForm(username, "not the password");
        withoutNonce.remove("primefaces.nonce");
        HttpResponse<String> refused = client.sendRaw(client.formRequest("/login", withoutNonce));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("This page was open for too long"), refused.body());
        assertFalse(refused.body().contains("CspException") || refused.body().toLowerCase().contains("nonce mismatch"), refused.body());
        assertHardened(refused, "stale form");

        assertEquals("/", client.signIn(username, TestSupportServlet.PASSWORD).path(), "signed in");
        Map<String, String> expiredView = Map.of("sessions", "sessions", "jakarta.faces.ViewState", "-4127:-9185");
        HttpResponse<String> expired = client.sendRaw(client.formRequest("/account/security/", expiredView));
        assertEquals(400, expired.statusCode(), expired.body());
        assertTrue(expired.body().contains("This page was open for too long"), expired.body());

        HttpResponse<String> ajax = client.sendRaw(client.formRequest("/account/security/", expiredView)
                .header("Faces-Request", "partial/ajax"));
        // an Ajax postback is answered by Faces itself; PrimeFaces' script turns this error into the expired page
        assertEquals(200, ajax.statusCode());
        assertTrue(ajax.body().contains("<error-name>class jakarta.faces.application.ViewExpiredException</error-name>"), ajax.body());
        assertTrue(client.get("/account/security/").body().contains("'jakarta.faces.application.ViewExpiredException':'/error/expired.xhtml'"),
                "the page's PrimeFaces settings map that error to the expired page");
    }

    /**
     * The property asserted is that no session is created at all. The number printed goes to bench/README.md: run
     * with {@code -Dhardening.login-requests=1000} for the measurement (the suite sends 50: a page render costs).
     */
    @Test
    void showingTheSignInFormCreatesNoSession() throws IOException {
        int requests = Integer.getInteger("hardening.login-requests", 50);
        long activeBefore = sessionStatistic("active-sessions");
        long before = sessionStatistic("sessions-created");
        int withCookie = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> login = get(plain, base + "/login");
            assertEquals(200, login.statusCode());
            if (login.headers().firstValue("Set-Cookie").isPresent()) {
                withCookie++;
            }
        }
        long created = sessionStatistic("sessions-created") - before;
        long active = sessionStatistic("active-sessions") - activeBefore;
        System.out.println(requests + " anonymous GET /login: " + active + " more active HTTP sessions (sessions-created: "
                + created + "), " + withCookie + " responses set a cookie");
        assertEquals(0, withCookie, "no response starts a session");
        assertTrue(active <= 0, "no new session is active: " + active);
        assertTrue(get(plain, base + "/login").body().contains("value=\"stateless\""), "a stateless view");
    }

    /** Undertow's session statistics of the deployment, read through the management API. */
    private long sessionStatistic(String attribute) throws IOException {
        ModelNode operation = new ModelNode();
        operation.get("operation").set("read-attribute");
        operation.get("address").add("deployment", "mfa-portal.war").add("subsystem", "undertow");
        operation.get("name").set(attribute);
        ModelNode result = management.getControllerClient().execute(operation);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        return result.get("result").asLong();
    }

    private static void assertHardened(HttpResponse<String> response, String what) {
        List<String> policies = response.headers().allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), what + ": one policy " + policies);
        String policy = policies.get(0);
        assertEquals("'none'", directive(policy, "frame-ancestors").strip(), what + ": " + policy);
        assertFalse(directive(policy, "script-src").contains("unsafe-inline"), what + ": " + policy);
        assertEquals(List.of("nosniff"), response.headers().allValues("X-Content-Type-Options"), what);
        assertEquals(List.of("same-origin"), response.headers().allValues("Referrer-Policy"), what);
        assertEquals(List.of("DENY"), response.headers().allValues("X-Frame-Options"), what);
        if (response.uri().getScheme().equals("http")) {
            assertTrue(response.headers().firstValue("Strict-Transport-Security").isEmpty(), what + ": no HSTS over plain HTTP");
        }
    }

    /** The value of one directive of a policy ("" when absent). */
    private static String directive(String policy, String name) {
        for (String part : policy.split(";")) {
            String trimmed = part.strip();
            if (trimmed.startsWith(name + " ") || trimmed.equals(name)) {
                return trimmed.substring(name.length());
            }
        }
        return "";
    }

    private static HttpResponse<String> get(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Trusts exactly the throw-away localhost certificate the build generated for the HTTPS listener. */
    private static SSLContext trustingTheTestKeyStore() throws IOException, GeneralSecurityException {
        char[] password = System.getProperty("test.tls.key-store-password").toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(System.getProperty("test.tls.key-store"))) {
            keyStore.load(in, password);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", keyStore.getCertificate("localhost"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
