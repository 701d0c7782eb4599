package org.mfaportal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.oidc.OidcOutcome.Reason;
import org.mfaportal.oidc.OidcOutcome.Refused;
import org.mfaportal.web.PublicUrl;

/**
 * The authorization code flow with PKCE (S256) against the configured provider, in two halves: {@link #begin} sends
 * the browser to the provider, {@link #complete} judges what the provider sent back.
 *
 * <p>Binding to the browser: {@link #begin} makes a random secret that only the browser keeps (a cookie) and stores
 * the SHA-256 of it and of the {@code state}. The PKCE verifier and the {@code nonce} are HMACs of the {@code state}
 * under that secret, so the database holds nothing that completes a sign-in, any node can complete it, and a
 * {@code state} carried to another browser (login CSRF, a forged or stolen callback URL) is refused. The row is
 * deleted when the callback arrives, whatever the outcome: a state works once.
 */
@Stateless
public class OidcSignInService {

    public static final String CALLBACK_PATH = "/oidc/callback";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    OidcAccounts accounts;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    /** Where to send the browser, and the secret the browser must keep until it comes back. */
    public record Authorization(URI providerUri, String bindingSecret) {
    }

    /** What the provider's redirect to {@link #CALLBACK_PATH} carried. */
    public record Callback(String state, String code, String error, String errorDescription) {
    }

    /**
     * @param returnPath the page inside the portal to continue to afterwards (already checked by the caller)
     * @throws ProviderUnavailableException when the provider's discovery fails or no public URL is configured
     */
    public Authorization begin(String returnPath) {
        OidcProvider.Discovered discovered = provider.discovered();
        URI redirectUri = redirectUri();
        String state = randomToken();
        String bindingSecret = randomToken();
        Instant now = clock.instant();
        em.persist(new OidcLoginRequest(TokenDigest.hexOf(state), TokenDigest.hexOf(bindingSecret), returnPath, now, now.plus(settings.requestValidity())));
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope(settings.scopes().toArray(String[]::new)), new ClientID(discovered.clientId()), redirectUri)
                .endpointURI(discovered.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(derive(bindingSecret, "nonce", state)))
                .codeChallenge(new CodeVerifier(derive(bindingSecret, "pkce", state)), CodeChallengeMethod.S256)
                .build();
        return new Authorization(request.toURI(), bindingSecret);
    }

    /**
     * Judges the provider's answer; never throws for anything the provider or the browser sent.
     *
     * @param bindingSecret the browser's cookie from {@link #begin}, if it sent one
     */
    public OidcOutcome complete(Callback callback, Optional<String> bindingSecret) {
        if (callback.state() == null || callback.state().isEmpty() || callback.state().length() > 512) {
            return new Refused(Reason.STATE_INVALID, "callback without a usable state", null);
        }
        Optional<OidcLoginRequest> started = spend(callback.state());
        if (started.isEmpty()) {
            return new Refused(Reason.STATE_INVALID, "unknown, used or expired state", null);
        }
        if (bindingSecret.isEmpty() || !MessageDigest.isEqual(
                TokenDigest.hexOf(bindingSecret.get()).getBytes(StandardCharsets.US_ASCII),
                started.get().getBindingHash().getBytes(StandardCharsets.US_ASCII))) {
            return new Refused(Reason.STATE_INVALID, "state of a sign-in started in another browser", null);
        }
        if (callback.error() != null) {
            return new Refused(Reason.PROVIDER_ERROR, "provider answered " + printable(callback.error())
                    + (callback.errorDescription() == null ? "" : ": " + printable(callback.errorDescription())), null);
        }
        if (callback.code() == null || callback.code().isEmpty()) {
            return new Refused(Reason.PROVIDER_ERROR, "callback without a code", null);
        }
        String secret = bindingSecret.get();
        try {
            JWT idToken = exchange(callback.code(), new CodeVerifier(derive(secret, "pkce", callback.state())));
            IDTokenClaimsSet claims = provider.discovered().validator()
                    .validate(idToken, new Nonce(derive(secret, "nonce", callback.state())));
            return accounts.signIn(claims, started.get().getReturnPath());
        } catch (ProviderUnavailableException e) {
            return new Refused(Reason.PROVIDER_UNAVAILABLE, e.getMessage(), null);
        } catch (BadJOSEException | JOSEException e) {
            return new Refused(Reason.TOKEN_INVALID, "ID token rejected: " + e.getMessage(), null);
        }
    }

    /** Deletes the request for this state, answering it only when it existed and had not expired. */
    private Optional<OidcLoginRequest> spend(String state) {
        String stateHash = TokenDigest.hexOf(state);
        Optional<OidcLoginRequest> found = em.createNamedQuery(OidcLoginRequest.BY_STATE, OidcLoginRequest.class)
                .setParameter("stateHash", stateHash).getResultStream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // The delete decides between two callbacks racing with the same state (two nodes): only one deletes the row.
        int deleted = em.createNamedQuery(OidcLoginRequest.SPEND).setParameter("stateHash", stateHash).executeUpdate();
        if (deleted != 1 || !found.get().getExpiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return found;
    }

    private JWT exchange(String code, CodeVerifier verifier) {
        OidcProvider.Discovered discovered = provider.discovered();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri(), verifier);
        URI tokenEndpoint = discovered.metadata().getTokenEndpointURI();
        ClientID clientId = new ClientID(discovered.clientId());
        TokenRequest request = settings.clientSecret()
                .map(secret -> new TokenRequest(tokenEndpoint, new ClientSecretBasic(clientId, new Secret(secret)), grant))
                .orElseGet(() -> new TokenRequest(tokenEndpoint, clientId, grant));
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(OidcProvider.TIMEOUT_MILLIS);
            http.setReadTimeout(OidcProvider.TIMEOUT_MILLIS);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
                throw new ProviderUnavailableException("token endpoint refused the code: "
                        + (error == null ? "no reason" : error.getCode() + " " + Optional.ofNullable(error.getDescription()).orElse("")));
            }
            JWT idToken = ((OIDCTokenResponse) response).getOIDCTokens().getIDToken();
            if (idToken == null) {
                throw new ProviderUnavailableException("token endpoint answered without an ID token");
            }
            return idToken;
        } catch (IOException | ParseException | ClassCastException e) {
            throw new ProviderUnavailableException("token endpoint unusable: " + e.getMessage(), e);
        }
    }

    private URI redirectUri() {
        return publicUrl.of(CALLBACK_PATH, Map.of()).map(URI::create)
                .orElseThrow(() -> new ProviderUnavailableException("mfa.public-url is not set: no redirect URI to give the provider"));
    }

    /**
     * Where to send a user who also wants to sign out at the provider (OpenID Connect RP-Initiated Logout): its
     * {@code end_session_endpoint} with this client and the portal's login page to come back to; empty when the
     * provider has none, cannot be reached, or no public URL is configured.
     */
    public Optional<URI> providerSignOut() {
        try {
            URI endpoint = provider.discovered().metadata().getEndSessionEndpointURI();
            Optional<String> back = publicUrl.of("/login", Map.of("notice", "signed-out"));
            if (endpoint == null || back.isEmpty()) {
                return Optional.empty();
            }
            String separator = endpoint.getRawQuery() == null ? "?" : "&";
            return Optional.of(URI.create(endpoint + separator + "client_id=" + encode(provider.discovered().clientId())
                    + "&post_logout_redirect_uri=" + encode(back.get())));
        } catch (ProviderUnavailableException e) {
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Forgets the sign-ins that never came back, so the table stays as small as the sign-ins under way. */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    public int purgeExpired() {
        return em.createNamedQuery(OidcLoginRequest.DELETE_EXPIRED).setParameter("now", clock.instant()).executeUpdate();
    }

    static String derive(String bindingSecret, String purpose, String state) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bindingSecret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal((purpose + ":" + state).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Provider error texts go into the audit log: printable ASCII only, bounded. */
    private static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }

    static List<String> amrValues(IDTokenClaimsSet claims) {
        return claims.getAMR() == null ? List.of() : claims.getAMR().stream().map(amr -> amr.getValue()).toList();
    }
}
