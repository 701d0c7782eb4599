package org.mfaportal.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mfaportal.bench.users.AuthenticatorAppKey;
import org.mfaportal.mfa.totp.Totp;

class TargetTest {

    /** RFC 6238's SHA1 test key; its Base32 text is what the users file and the Keycloak realm hold. */
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final AuthenticatorAppKey APP = new AuthenticatorAppKey(SECRET, Totp.defaults(), 0);

    @Test
    void thePortalKeysTheHmacWithTheSecretItself() {
        assertArrayEquals(SECRET, Target.PORTAL.totpKey(APP));
        // RFC 6238 appendix B, T = 59 s, SHA1, last 6 of 94287082
        assertEquals("287082", Totp.defaults().codeAt(Target.PORTAL.totpKey(APP), Instant.ofEpochSecond(59)));
    }

    @Test
    void keycloakKeysTheHmacWithTheUtf8BytesOfTheStoredBase32Text() {
        assertArrayEquals(SECRET_BASE32.getBytes(StandardCharsets.UTF_8), Target.KEYCLOAK.totpKey(APP));
        assertNotEquals(Totp.defaults().codeAt(Target.PORTAL.totpKey(APP), Instant.ofEpochSecond(59)),
                Totp.defaults().codeAt(Target.KEYCLOAK.totpKey(APP), Instant.ofEpochSecond(59)));
    }

    @Test
    void eachSystemHasItsOwnLedgerOfUsedCodes() {
        Path users = Path.of("/tmp/bench/users.tsv");
        assertEquals(Path.of("/tmp/bench/users.tsv.used"), Target.PORTAL.usageLedgerOf(users));
        assertEquals(Path.of("/tmp/bench/users.tsv.used-keycloak"), Target.KEYCLOAK.usageLedgerOf(users));
    }

    @Test
    void keycloakHashSpecsParseToKeycloaksDefaults() {
        assertEquals(new KeycloakHashCost("pbkdf2-sha512", 210_000, 0, 0), KeycloakHashCost.parse("pbkdf2-sha512:210000"));
        assertEquals(new KeycloakHashCost("argon2", 5, 7168, 1), KeycloakHashCost.parse("argon2"));
        assertEquals(new KeycloakHashCost("argon2", 2, 19456, 1), KeycloakHashCost.parse("argon2:19456:2:1"));
    }

    @Test
    void theKeycloakHashCostMeasuresCpuOfEachHash() throws Exception {
        Map<String, Double> cost = new KeycloakHashCost("pbkdf2-sha512", 1000, 0, 0).measure(3);
        assertEquals(3.0, cost.get("samples"));
        assertEquals(true, cost.get("cpu_ms_median") >= 0 && cost.get("wall_ms_median") > 0);
    }
}
