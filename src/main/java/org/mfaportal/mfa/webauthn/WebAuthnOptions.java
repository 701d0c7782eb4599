package org.mfaportal.mfa.webauthn;

import java.util.List;
import java.util.Map;

/**
 * The options handed to {@code navigator.credentials.create()} / {@code .get()}, in the JSON shape of WebAuthn
 * Level 3 {@code PublicKeyCredentialCreationOptionsJSON} / {@code PublicKeyCredentialRequestOptionsJSON}
 * (binary values as base64url).
 */
public final class WebAuthnOptions {

    private WebAuthnOptions() {
    }

    public record RpEntity(String id, String name) {
    }

    public record UserEntity(String id, String name, String displayName) {
    }

    public record CredentialParameters(String type, long alg) {
    }

    public record CredentialDescriptor(String type, String id, List<String> transports) {
    }

    public record AuthenticatorSelection(String residentKey, boolean requireResidentKey, String userVerification) {
    }

    public record Creation(RpEntity rp, UserEntity user, String challenge, List<CredentialParameters> pubKeyCredParams,
            long timeout, List<CredentialDescriptor> excludeCredentials, AuthenticatorSelection authenticatorSelection,
            String attestation, Map<String, Object> extensions) {
    }

    public record Request(String challenge, long timeout, String rpId, List<CredentialDescriptor> allowCredentials,
            String userVerification) {
    }
}
