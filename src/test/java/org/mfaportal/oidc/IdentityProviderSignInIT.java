package org.mfaportal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;

/**
 * Sign-in through a real OpenID Connect provider on loopback (mock-oauth2-server in the test JVM, issuer "corp"),
 * over HTTP as a browser would, without following redirects so that each hop can be checked. The failure cases hand
 * the portal crafted token responses through the provider's token endpoint.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class IdentityProviderSignInIT {

    private static final String ISSUER_ID = "corp";
    private static final String CLIENT_ID = "portal";

    private static MockOAuth2Server provider;

    @ArquillianResource
    URL deploymentUrl;

    private String portal;
    private PortalClient support;

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war()
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config-oidc.jar")
                        .addAsManifestResource("config-oidc/microprofile-config.properties", "microprofile-config.properties"));
    }

    private static final CannedTokenAnswers cannedTokenAnswers = new CannedTokenAnswers();

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new MockOAuth2Server(new OAuth2Config(), cannedTokenAnswers);
        provider.start(InetAddress.getByName("127.0.0.1"), Integer.getInteger("test.oidc.port"));
        // its first answer is slow (class loading): not the portal's discovery's problem
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(provider.wellKnownUrl(ISSUER_ID).uri()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** Answers the next token requests with responses a test made, instead of the provider's own. */
    private static final class CannedTokenAnswers implements Route {
        private final Queue<OAuth2HttpResponse> answers = new ConcurrentLinkedQueue<>();

        void next(int status, String json) {
            answers.add(new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), status, json, null));
        }

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return !answers.isEmpty() && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return answers.remove();
        }
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @BeforeEach
    void portal() {
        portal = Browser.localhost(deploymentUrl);
        support = new PortalClient(deploymentUrl);
    }

    /**
     * One browser: its own cookies, redirects taken one at a time. Like Chromium it keeps and sends {@code Secure}
     * cookies to http://localhost (a secure context), which Java's CookieManager would withhold over plain HTTP.
     */
    private final class Visitor {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final Map<String, String> portalCookies = new HashMap<>();

        HttpResponse<String> get(String url) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            boolean toPortal = url.startsWith(portal);
            if (toPortal && !portalCookies.isEmpty()) {
                request.header("Cookie", portalCookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (toPortal) {
                for (String header : response.headers().allValues("Set-Cookie")) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        if (cookie.getMaxAge() == 0) {
                            portalCookies.remove(cookie.getName());
                        } else {
                            portalCookies.put(cookie.getName(), cookie.getValue());
                        }
                    }
                }
            }
            return response;
        }

        /** Starts at the portal's button and answers the provider's authorization request URL. */
        URI start() throws Exception {
            HttpResponse<String> started = get(portal + "/oidc/start");
            assertEquals(302, started.statusCode(), started.body());
            URI authorization = URI.create(started.headers().firstValue("Location").orElseThrow());
            assertTrue(authorization.toString().startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString()), authorization.toString());
            return authorization;
        }

        /** Lets the provider answer the authorization request; answers its redirect back to the portal. */
        URI authorizeAtProvider(URI authorization) throws Exception {
            HttpResponse<String> answered = get(authorization.toString());
            assertEquals(302, answered.statusCode(), answered.body());
            URI callback = URI.create(answered.headers().firstValue("Location").orElseThrow());
            assertTrue(callback.toString().startsWith(portal + "/oidc/callback?"), callback.toString());
            return callback;
        }

        /** Delivers the provider's redirect to the portal; answers where the portal sends the browser next. */
        String deliver(URI callback) throws Exception {
            HttpResponse<String> delivered = get(callback.toString());
            assertEquals(302, delivered.statusCode(), delivered.body());
            return delivered.headers().firstValue("Location").orElseThrow().replace(portal, "");
        }
    }

    /** What the provider's token endpoint answers next: call it after the authorization, right before the callback. */
    private static void providerSignsIn(String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    private void assertHeldToEnrolment(Visitor visitor) throws Exception {
        HttpResponse<String> home = visitor.get(portal + "/");
        assertEquals(302, home.statusCode(), "only enrolment is open");
        assertTrue(home.headers().firstValue("Location").orElseThrow().contains("/account/security/"),
                home.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    @Test
    void theAuthorizationRequestUsesPkceS256StateAndNonce() throws Exception {
        Map<String, String> request = query(new Visitor().start());

        assertEquals("code", request.get("response_type"));
        assertEquals(CLIENT_ID, request.get("client_id"));
        assertEquals("S256", request.get("code_challenge_method"));
        assertEquals(43, request.get("code_challenge").length());
        assertEquals(43, request.get("state").length());
        assertEquals(43, request.get("nonce").length());
        assertEquals(portal + "/oidc/callback", request.get("redirect_uri"));
    }

    @Test
    void aPasswordAtTheProviderLeadsToThePortalsOwnRequirements() throws Exception {
        String group = "idp-" + UUID.randomUUID();
        support.setPolicy(group, true, 0, "TOTP,SECURITY_KEY,PASSKEY");
        String username = support.newAccount(group);
        Visitor visitor = new Visitor();
        URI callback = visitor.authorizeAtProvider(visitor.start());
        providerSignsIn("sub-" + username, Map.of("preferred_username", username, "amr", List.of("pwd")));

        String next = visitor.deliver(callback);

        assertEquals("/", next, "signed in, and held to enrolment as after a password");
        assertHeldToEnrolment(visitor);
        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_LINKED"));
        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_ACCEPTED"));
        assertEquals(0, support.auditCount(username, "IDENTITY_PROVIDER_MFA_ACCEPTED"));
    }

    @Test
    void trustedMultiFactorAtTheProviderMeetsAPolicyThatAllowsItsKind() throws Exception {
        String group = "idp-" + UUID.randomUUID();
        support.setPolicy(group, true, 0, "TOTP");
        String username = support.newAccount(group);
        Visitor visitor = new Visitor();
        URI callback = visitor.authorizeAtProvider(visitor.start());
        providerSignsIn("sub-" + username, Map.of("preferred_username", username, "amr", List.of("pwd", "otp")));

        String next = visitor.deliver(callback);

        assertEquals("/", next);
        assertEquals(200, visitor.get(portal + "/").statusCode(), "not held to enrolment");
        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_MFA_ACCEPTED"));
    }

    @Test
    void aProvidersOtpNeverMeetsAPolicyThatAllowsOnlyKeys() throws Exception {
        String group = "idp-" + UUID.randomUUID();
        support.setPolicy(group, true, 0, "SECURITY_KEY,PASSKEY");
        String otpUser = support.newAccount(group);
        String keyUser = support.newAccount(group);

        Visitor otp = new Visitor();
        URI otpCallback = otp.authorizeAtProvider(otp.start());
        providerSignsIn("sub-" + otpUser, Map.of("preferred_username", otpUser, "amr", List.of("mfa", "otp")));
        otp.deliver(otpCallback);
        Visitor key = new Visitor();
        URI keyCallback = key.authorizeAtProvider(key.start());
        providerSignsIn("sub-" + keyUser, Map.of("preferred_username", keyUser, "amr", List.of("mfa", "hwk")));
        key.deliver(keyCallback);

        assertEquals(0, support.auditCount(otpUser, "IDENTITY_PROVIDER_MFA_ACCEPTED"));
        assertHeldToEnrolment(otp);
        assertEquals(1, support.auditCount(keyUser, "IDENTITY_PROVIDER_MFA_ACCEPTED"), "hwk is configured as a security key");
        assertEquals(200, key.get(portal + "/").statusCode());
    }

    @Test
    void theSubjectStaysTheLinkWhenTheNameChanges() throws Exception {
        String username = support.newAccount();
        String subject = "sub-" + username;
        Visitor first = new Visitor();
        URI firstCallback = first.authorizeAtProvider(first.start());
        providerSignsIn(subject, Map.of("preferred_username", username));
        assertEquals("/", first.deliver(firstCallback));

        Visitor renamed = new Visitor();
        URI renamedCallback = renamed.authorizeAtProvider(renamed.start());
        providerSignsIn(subject, Map.of("preferred_username", "someone-else-" + UUID.randomUUID()));
        assertEquals("/", renamed.deliver(renamedCallback));

        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_LINKED"), "linked once, found by iss + sub after");
        assertEquals(2, support.auditCount(username, "IDENTITY_PROVIDER_ACCEPTED"));
    }

    @Test
    void aFirstSignInCreatesARecordWhoseGroupsComeFromTheProvider() throws Exception {
        String group = "idp-" + UUID.randomUUID();
        support.setPolicy(group, true, 0, "TOTP");
        String username = "newcomer-" + UUID.randomUUID();
        String subject = "sub-" + username;
        Visitor first = new Visitor();
        URI firstCallback = first.authorizeAtProvider(first.start());
        providerSignsIn(subject, Map.of("preferred_username", username, "groups", List.of(group), "amr", List.of("pwd")));

        assertEquals("/", first.deliver(firstCallback));
        assertHeldToEnrolment(first);
        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_LINKED"));

        Visitor later = new Visitor();
        URI laterCallback = later.authorizeAtProvider(later.start());
        providerSignsIn(subject, Map.of("preferred_username", username, "groups", List.of(), "amr", List.of("pwd")));
        assertEquals("/", later.deliver(laterCallback));
        assertEquals(200, later.get(portal + "/").statusCode(), "no longer in the group: the provider owns its groups");
    }

    @Test
    void aNameThatCannotBeAUsernameGetsNoAccount() throws Exception {
        Visitor visitor = new Visitor();
        URI callback = visitor.authorizeAtProvider(visitor.start());
        providerSignsIn("sub-stranger-" + UUID.randomUUID(), Map.of("preferred_username", "not a name!"));

        assertEquals("/login?notice=idp-no-account", visitor.deliver(callback));
    }

    @Test
    void signingOutAtTheProviderGoesToItsEndSessionEndpointAndBack() throws Exception {
        HttpResponse<String> signOut = new Visitor().get(portal + "/oidc/sign-out");

        assertEquals(302, signOut.statusCode());
        URI endSession = URI.create(signOut.headers().firstValue("Location").orElseThrow());
        assertTrue(endSession.toString().startsWith(provider.endSessionEndpointUrl(ISSUER_ID).toString()), endSession.toString());
        assertEquals(CLIENT_ID, query(endSession).get("client_id"));
        assertEquals(portal + "/login?notice=signed-out", query(endSession).get("post_logout_redirect_uri"));
    }

    @Test
    void aForgedStateIsRefused() throws Exception {
        Visitor visitor = new Visitor();
        visitor.start();

        assertEquals("/login?notice=idp-state-invalid",
                visitor.deliver(URI.create(portal + "/oidc/callback?state=" + UUID.randomUUID() + "&code=made-up")));
    }

    @Test
    void aCallbackCarriedToAnotherBrowserIsRefusedAndSpent() throws Exception {
        Visitor victim = new Visitor();
        // no token is ever asked for: the provider needs no prepared answer
        URI callback = victim.authorizeAtProvider(victim.start());

        assertEquals("/login?notice=idp-state-invalid", new Visitor().deliver(callback), "no binding cookie there");
        assertEquals("/login?notice=idp-state-invalid", victim.deliver(callback), "the state was spent by that attempt");
    }

    @Test
    void aStateWorksOnceEvenWithTheRightBrowserSecret() throws Exception {
        String username = support.newAccount();
        Visitor visitor = new Visitor();
        URI callback = visitor.authorizeAtProvider(visitor.start());
        providerSignsIn("sub-" + username, Map.of("preferred_username", username));
        String bindingSecret = visitor.portalCookies.get("mfa_oidc_binding");
        assertEquals("/", visitor.deliver(callback));

        Visitor replaying = new Visitor();
        replaying.portalCookies.put("mfa_oidc_binding", bindingSecret);
        assertEquals("/login?notice=idp-state-invalid", replaying.deliver(callback));
        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_ACCEPTED"));
    }

    @Test
    void aRefusalAtTheProviderEndsOnTheLoginPage() throws Exception {
        Visitor visitor = new Visitor();
        String state = query(visitor.start()).get("state");

        assertEquals("/login?notice=idp-declined",
                visitor.deliver(URI.create(portal + "/oidc/callback?state=" + state + "&error=access_denied&error_description=User%20declined")));
    }

    @Test
    void aCraftedTokenIsAcceptedOnlyWhenEverythingMatches() throws Exception {
        String username = support.newAccount();
        // the positive control: the crafting itself yields a token the portal accepts
        assertEquals("/", deliverCrafted(username, Crafted.VALID));
        assertEquals("/login?notice=idp-token-invalid", deliverCrafted(username, Crafted.WRONG_NONCE));
        assertEquals("/login?notice=idp-token-invalid", deliverCrafted(username, Crafted.EXPIRED));
        assertEquals("/login?notice=idp-token-invalid", deliverCrafted(username, Crafted.OTHER_ISSUER));
        assertEquals("/login?notice=idp-token-invalid", deliverCrafted(username, Crafted.OTHER_AUDIENCE));
        assertEquals("/login?notice=idp-token-invalid", deliverCrafted(username, Crafted.SIGNED_BY_ANOTHER_KEY));
        assertEquals(1, support.auditCount(username, "IDENTITY_PROVIDER_ACCEPTED"));
    }

    @Test
    void aFailingTokenEndpointEndsOnTheLoginPage() throws Exception {
        Visitor failing = new Visitor();
        String state = query(failing.start()).get("state");
        cannedTokenAnswers.next(503, "{\"error\":\"temporarily_unavailable\"}");

        assertEquals("/login?notice=idp-unavailable", failing.deliver(URI.create(portal + "/oidc/callback?state=" + state + "&code=c")));
    }

    @Test
    void aCodeTheProviderRefusesEndsOnTheLoginPage() throws Exception {
        Visitor visitor = new Visitor();
        String state = query(visitor.start()).get("state");
        cannedTokenAnswers.next(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code already used\"}");

        assertEquals("/login?notice=idp-unavailable", visitor.deliver(URI.create(portal + "/oidc/callback?state=" + state + "&code=replayed")));
    }

    private enum Crafted {
        VALID, WRONG_NONCE, EXPIRED, OTHER_ISSUER, OTHER_AUDIENCE, SIGNED_BY_ANOTHER_KEY
    }

    /** Starts a sign-in, then has the token endpoint answer with a token made here, signed by the provider's key. */
    private String deliverCrafted(String username, Crafted kind) throws Exception {
        Visitor visitor = new Visitor();
        Map<String, String> request = query(visitor.start());
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-" + username);
        claims.put("preferred_username", username);
        claims.put("aud", kind == Crafted.OTHER_AUDIENCE ? "another-client" : CLIENT_ID);
        claims.put("nonce", kind == Crafted.WRONG_NONCE ? "not-the-nonce" : request.get("nonce"));
        Duration lifetime = kind == Crafted.EXPIRED ? Duration.ofMinutes(-10) : Duration.ofMinutes(5);
        String idToken = kind == Crafted.SIGNED_BY_ANOTHER_KEY
                ? signedByAnIntruder(claims)
                : provider.anyToken(provider.issuerUrl(kind == Crafted.OTHER_ISSUER ? "elsewhere" : ISSUER_ID), claims, lifetime).serialize();
        cannedTokenAnswers.next(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\"" + idToken + "\"}");
        return visitor.deliver(URI.create(portal + "/oidc/callback?state=" + request.get("state") + "&code=crafted"));
    }

    private static String signedByAnIntruder(Map<String, Object> claims) throws Exception {
        RSAKey intruder = new RSAKeyGenerator(2048).keyID("intruder").generate();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(provider.issuerUrl(ISSUER_ID).toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(set::claim);
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(intruder.getKeyID()).build(), set.build());
        token.sign(new RSASSASigner(intruder));
        return token.serialize();
    }
}
