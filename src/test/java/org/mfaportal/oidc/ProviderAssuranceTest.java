package org.mfaportal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mfaportal.policy.FactorKind;

class ProviderAssuranceTest {

    private static final Set<String> TRUSTED = Set.of("mfa", "otp");
    private static final Set<String> KEYS = Set.of("hwk");

    @Test
    void nothingIsTrustedUnlessConfigured() {
        assertEquals(Set.of(), ProviderAssurance.provenFactors(List.of("mfa", "hwk", "otp"), "urn:mfa", Set.of(), Set.of(), Set.of()));
    }

    @Test
    void aPasswordAloneProvesNoFactor() {
        assertEquals(Set.of(), ProviderAssurance.provenFactors(List.of("pwd"), null, TRUSTED, Set.of(), KEYS));
    }

    @Test
    void trustedValuesCountAsAnAuthenticatorAppAndConfiguredKeyValuesAsASecurityKey() {
        assertEquals(Set.of(FactorKind.TOTP), ProviderAssurance.provenFactors(List.of("pwd", "otp"), null, TRUSTED, Set.of(), KEYS));
        assertEquals(Set.of(FactorKind.TOTP, FactorKind.SECURITY_KEY),
                ProviderAssurance.provenFactors(List.of("mfa", "hwk"), null, TRUSTED, Set.of(), KEYS));
        assertEquals(Set.of(FactorKind.SECURITY_KEY), ProviderAssurance.provenFactors(List.of("hwk"), null, Set.of(), Set.of(), KEYS));
    }

    @Test
    void aTrustedAcrCountsAsAnAuthenticatorApp() {
        assertEquals(Set.of(FactorKind.TOTP), ProviderAssurance.provenFactors(List.of(), "urn:corp:mfa", TRUSTED, Set.of("urn:corp:mfa"), KEYS));
        assertEquals(Set.of(), ProviderAssurance.provenFactors(List.of(), "urn:corp:pwd", TRUSTED, Set.of("urn:corp:mfa"), KEYS));
    }

    @Test
    void theVerifierAndNonceDependOnTheBrowsersSecretAndTheState() {
        String verifier = OidcSignInService.derive("secret-a", "pkce", "state-1");
        assertEquals(43, verifier.length(), "a valid PKCE verifier length (RFC 7636: 43 to 128)");
        assertEquals(verifier, OidcSignInService.derive("secret-a", "pkce", "state-1"));
        assertNotEquals(verifier, OidcSignInService.derive("secret-b", "pkce", "state-1"));
        assertNotEquals(verifier, OidcSignInService.derive("secret-a", "pkce", "state-2"));
        assertNotEquals(verifier, OidcSignInService.derive("secret-a", "nonce", "state-1"));
    }
}
