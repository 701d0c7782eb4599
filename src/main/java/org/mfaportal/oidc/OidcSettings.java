package org.mfaportal.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code mfa.oidc.*} keys: sign-in through the company's OpenID Connect provider, off until an issuer is set.
 * Read at each use, so a test deployment or an operator's change to the environment applies without a rebuild.
 */
@ApplicationScoped
@Named
public class OidcSettings {

    @Inject
    @ConfigProperty(name = "mfa.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mfa.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "mfa.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "mfa.oidc.scopes", defaultValue = "openid,profile,email")
    List<String> scopes;

    @Inject
    @ConfigProperty(name = "mfa.oidc.username-claim", defaultValue = "preferred_username")
    String usernameClaim;

    @Inject
    @ConfigProperty(name = "mfa.oidc.groups-claim", defaultValue = "groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "mfa.oidc.button-label", defaultValue = "Sign in with your company account")
    String buttonLabel;

    @Inject
    @ConfigProperty(name = "mfa.oidc.trusted-amr")
    Optional<List<String>> trustedAmr;

    @Inject
    @ConfigProperty(name = "mfa.oidc.trusted-acr")
    Optional<List<String>> trustedAcr;

    @Inject
    @ConfigProperty(name = "mfa.oidc.security-key-amr")
    Optional<List<String>> securityKeyAmr;

    @Inject
    @ConfigProperty(name = "mfa.oidc.admin-groups")
    Optional<List<String>> adminGroups;

    @Inject
    @ConfigProperty(name = "mfa.oidc.link-by-username", defaultValue = "false")
    boolean linkByUsername;

    @Inject
    @ConfigProperty(name = "mfa.oidc.link-by-verified-email", defaultValue = "false")
    boolean linkByVerifiedEmail;

    @Inject
    @ConfigProperty(name = "mfa.oidc.create-accounts", defaultValue = "false")
    boolean createAccounts;

    @Inject
    @ConfigProperty(name = "mfa.oidc.request-validity", defaultValue = "PT10M")
    Duration requestValidity;

    /** Whether the "Sign in with …" button is offered: an issuer and a client id are configured. */
    public boolean enabled() {
        return issuer().isPresent() && clientId().isPresent();
    }

    public Optional<String> issuer() {
        return issuer.map(String::strip).filter(value -> !value.isEmpty());
    }

    public Optional<String> clientId() {
        return clientId.map(String::strip).filter(value -> !value.isEmpty());
    }

    /** Empty for a public client (PKCE alone); a confidential client authenticates with HTTP Basic. */
    public Optional<String> clientSecret() {
        return clientSecret.filter(value -> !value.isEmpty());
    }

    public List<String> scopes() {
        return scopes.stream().map(String::strip).filter(scope -> !scope.isEmpty()).toList();
    }

    public String usernameClaim() {
        return usernameClaim.strip();
    }

    public String groupsClaim() {
        return groupsClaim.strip();
    }

    public String buttonLabel() {
        return buttonLabel;
    }

    /** RFC 8176 {@code amr} values that, from this provider, prove multi-factor authentication; none by default. */
    public Set<String> trustedAmr() {
        return normalized(trustedAmr);
    }

    /** {@code acr} values that, from this provider, prove multi-factor authentication; none by default. */
    public Set<String> trustedAcr() {
        return normalized(trustedAcr);
    }

    /**
     * Trusted {@code amr} values that count as a security key (e.g. {@code hwk}): only these satisfy a policy that
     * allows no authenticator app. Any other trusted value counts as an authenticator app.
     */
    public Set<String> securityKeyAmr() {
        return normalized(securityKeyAmr);
    }

    /** Groups of the claim whose members get the portal's admin group (for accounts the provider created). */
    public List<String> adminGroups() {
        return adminGroups.orElse(List.of());
    }

    public boolean linkByUsername() {
        return linkByUsername;
    }

    public boolean linkByVerifiedEmail() {
        return linkByVerifiedEmail;
    }

    public boolean createAccounts() {
        return createAccounts;
    }

    /** How long a started sign-in may take at the provider before its state is no longer accepted. */
    public Duration requestValidity() {
        return requestValidity;
    }

    private static Set<String> normalized(Optional<List<String>> values) {
        return values.orElse(List.of()).stream().map(String::strip).filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
