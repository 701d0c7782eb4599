package org.mfaportal.mfa.webauthn;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Checks the parts of a {@code PublicKeyCredential} JSON that no signature covers, before webauthn4j sees it: only the
 * members of WebAuthn Level 3 {@code RegistrationResponseJSON} / {@code AuthenticationResponseJSON}, the {@code id}
 * equal to the {@code rawId}, the type {@code public-key}, extension results present, and every binary field in
 * canonical base64url. So no variant of a genuine response (another id, a renamed member, different padding bits) is
 * accepted as if it were the original.
 */
final class ResponseShape {

    private static final List<String> BINARY_RESPONSE_FIELDS = List.of("clientDataJSON", "authenticatorData", "signature", "userHandle", "attestationObject");
    private static final Set<String> CREDENTIAL_MEMBERS = Set.of("id", "rawId", "type", "response", "clientExtensionResults", "authenticatorAttachment");
    private static final Set<String> RESPONSE_MEMBERS = Set.of("clientDataJSON", "authenticatorData", "signature", "userHandle", "attestationObject",
            "transports", "publicKey", "publicKeyAlgorithm");
    private static final Set<String> ATTACHMENTS = Set.of("platform", "cross-platform");

    private ResponseShape() {
    }

    static boolean isWellFormed(String json) {
        if (json == null || json.length() > WebAuthnService.MAX_RESPONSE_LENGTH) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return false;
            }
            JsonObject credential = value.asJsonObject();
            JsonObject response = credential.getJsonObject("response");
            String rawId = credential.getString("rawId");
            JsonValue attachment = credential.get("authenticatorAttachment");
            return CREDENTIAL_MEMBERS.containsAll(credential.keySet()) && RESPONSE_MEMBERS.containsAll(response.keySet())
                    && credential.getString("id").equals(rawId) && "public-key".equals(credential.getString("type"))
                    && credential.getJsonObject("clientExtensionResults") != null
                    && (attachment == null || attachment.getValueType() == JsonValue.ValueType.NULL
                            || ATTACHMENTS.contains(credential.getString("authenticatorAttachment")))
                    && isCanonicalBase64Url(rawId)
                    && BINARY_RESPONSE_FIELDS.stream().allMatch(field -> isAbsentOrCanonical(response.get(field)));
        } catch (JsonException | ClassCastException | NullPointerException | IllegalStateException notTheShape) {
            return false;
        }
    }

    private static boolean isAbsentOrCanonical(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return true;
        }
        return value.getValueType() == JsonValue.ValueType.STRING && isCanonicalBase64Url(((JsonString) value).getString());
    }

    static boolean isCanonicalBase64Url(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text);
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
    }
}
