package org.mfaportal.bench.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mfaportal.bench.users.AuthenticatorAppKey;
import org.mfaportal.bench.users.SeededUser;
import org.mfaportal.mfa.totp.Totp;

class KeycloakRealmCommandTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final List<SeededUser> USERS = List.of(
            new SeededUser("bench-pw-000001", "pw-one-of-sixteen", Optional.empty(), List.of()),
            new SeededUser("bench-totp-000001", "pw-two-of-sixteen", Optional.of(new AuthenticatorAppKey(SECRET, Totp.defaults(), 7)), List.of("code")));

    private final JsonObject realm = KeycloakRealmCommand.realm("mfa-bench", KeycloakRealmCommand.passwordPolicy("pbkdf2-sha512:210000"),
            "mfa-bench-driver", "http://127.0.0.1:18080/mfa-bench-callback", true, USERS);

    @Test
    void theRealmHashesAsThePortalAndAsksForTotpAsThePortal() {
        assertEquals("hashAlgorithm(pbkdf2-sha512) and hashIterations(210000)", realm.getString("passwordPolicy"));
        assertEquals("HmacSHA1", realm.getString("otpPolicyAlgorithm"));
        assertEquals(6, realm.getInt("otpPolicyDigits"));
        assertEquals(30, realm.getInt("otpPolicyPeriod"));
        assertEquals(false, realm.getBoolean("otpPolicyCodeReusable"));
        assertEquals(true, realm.getBoolean("bruteForceProtected"));
        assertEquals("hashAlgorithm(argon2)", KeycloakRealmCommand.passwordPolicy("argon2"));
        assertThrows(IllegalArgumentException.class, () -> KeycloakRealmCommand.passwordPolicy("bcrypt"));
    }

    @Test
    void theClientIsPublicWithTheLoopbackRedirectOnly() {
        JsonObject client = realm.getJsonArray("clients").getJsonObject(0);
        assertEquals("mfa-bench-driver", client.getString("clientId"));
        assertTrue(client.getBoolean("publicClient"));
        assertEquals(List.of("http://127.0.0.1:18080/mfa-bench-callback"), client.getJsonArray("redirectUris").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void usersKeepTheirPasswordAndAppUsersGetAnOtpCredentialWithTheBase32TextAsSecret() {
        JsonObject passwordOnly = realm.getJsonArray("users").getJsonObject(0);
        assertEquals("bench-pw-000001", passwordOnly.getString("username"));
        assertEquals(1, passwordOnly.getJsonArray("credentials").size());
        assertEquals("pw-one-of-sixteen", passwordOnly.getJsonArray("credentials").getJsonObject(0).getString("value"));
        assertTrue(passwordOnly.getBoolean("emailVerified"), "no profile or e-mail action asked at sign-in");
        assertTrue(passwordOnly.getJsonArray("requiredActions").isEmpty());

        JsonObject otp = realm.getJsonArray("users").getJsonObject(1).getJsonArray("credentials").getJsonObject(1);
        assertEquals("otp", otp.getString("type"));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", parse(otp.getString("secretData")).getString("value"));
        JsonObject data = parse(otp.getString("credentialData"));
        assertEquals("totp", data.getString("subType"));
        assertEquals("HmacSHA1", data.getString("algorithm"));
        assertEquals(6, data.getInt("digits"));
        assertEquals(30, data.getInt("period"));
        assertTrue(!data.containsKey("secretEncoding"), "Keycloak keys the HMAC with the text's UTF-8 bytes (Target.KEYCLOAK)");
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
