package org.mfaportal.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the portal knows of the configured provider: its discovery document ({@code /.well-known/openid-configuration})
 * and a validator for its ID tokens whose keys come from the provider's JWKS, cached and fetched again when a token
 * names an unknown {@code kid} (Nimbus' {@link JWKSourceBuilder}: cache, rate-limited refresh, one retry).
 *
 * <p>Discovery happens at the first sign-in through the provider, not at deployment, so a provider that is down
 * neither stops the portal from starting nor stays "down" once it is back: a failed discovery is tried again.
 */
@ApplicationScoped
public class OidcProvider {

    static final int TIMEOUT_MILLIS = 10_000;

    @Inject
    OidcSettings settings;

    private volatile Discovered discovered;

    /** The provider's endpoints and the validator of its ID tokens, discovered once. */
    record Discovered(String issuer, String clientId, OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    /** @throws ProviderUnavailableException when the provider cannot be reached or answers with a broken document */
    Discovered discovered() {
        String issuer = settings.issuer().orElseThrow(() -> new ProviderUnavailableException("no issuer configured"));
        String clientId = settings.clientId().orElseThrow(() -> new ProviderUnavailableException("no client id configured"));
        Discovered known = discovered;
        if (known != null && known.issuer.equals(issuer) && known.clientId.equals(clientId)) {
            return known;
        }
        synchronized (this) {
            if (discovered == null || !discovered.issuer.equals(issuer) || !discovered.clientId.equals(clientId)) {
                discovered = discover(issuer, clientId);
            }
            return discovered;
        }
    }

    private static Discovered discover(String issuer, String clientId) {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
            if (!metadata.getIssuer().getValue().equals(issuer)) {
                // OpenID Connect Discovery 4.3: the document must name the issuer it was fetched for
                throw new ProviderUnavailableException("discovery document names issuer " + metadata.getIssuer());
            }
            if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
                throw new ProviderUnavailableException("discovery document lacks jwks_uri or token_endpoint");
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL())
                    .retrying(true)
                    .build();
            Set<JWSAlgorithm> algorithms = new HashSet<>(signingAlgorithms(metadata));
            algorithms.remove(JWSAlgorithm.parse("none"));
            algorithms.removeIf(algorithm -> JWSAlgorithm.Family.HMAC_SHA.contains(algorithm));
            IDTokenValidator validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId),
                    new JWSVerificationKeySelector<>(algorithms, keys), null);
            return new Discovered(issuer, clientId, metadata, validator);
        } catch (GeneralException | IOException | IllegalArgumentException e) {
            throw new ProviderUnavailableException("discovery of " + issuer + " failed: " + e.getMessage(), e);
        }
    }

    /** What the provider says it signs ID tokens with; RS256 when it says nothing (OpenID Connect Core 3.1.3.7). */
    private static List<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> announced = metadata.getIDTokenJWSAlgs();
        return announced == null || announced.isEmpty() ? List.of(JWSAlgorithm.RS256) : announced;
    }
}
