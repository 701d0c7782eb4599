package org.mfaportal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditTrailLineTest {

    private static JsonObject parse(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }

    @Test
    void everyValueIsAFieldOfItsOwnAndTheTimeIsIsoUtc() {
        String line = AuditTrailLine.of(new AuditRecorded(Instant.parse("2026-12-01T10:15:30.123456789Z"), AuditEventType.SIGN_IN_COMPLETED,
                "alice", "alice", "192.0.2.7", "Mozilla/5.0", "with an authenticator app"), "node-a");

        JsonObject json = parse(line);
        assertEquals("2026-12-01T10:15:30.123Z", json.getString("time"));
        assertEquals("SIGN_IN_COMPLETED", json.getString("type"));
        assertEquals("alice", json.getString("actor"));
        assertEquals("alice", json.getString("subject"));
        assertEquals("192.0.2.7", json.getString("ip"));
        assertEquals("Mozilla/5.0", json.getString("userAgent"));
        assertEquals("with an authenticator app", json.getString("detail"));
        assertEquals("node-a", json.getString("node"));
    }

    @Test
    void absentValuesAreLeftOut() {
        JsonObject json = parse(AuditTrailLine.of(new AuditRecorded(Instant.EPOCH, AuditEventType.POLICY_CHANGED, "admin", null, null, null, null), null));

        assertEquals(3, json.size(), json.toString());
        assertFalse(json.containsKey("subject"));
    }

    @Test
    void aHostileUsernameCannotEndTheLineNorAddAField() {
        String typed = "mallory\"}\n{\"type\":\"FORGED\",\"x\":\"\\\u0000\u2028\u0085";
        String line = AuditTrailLine.of(new AuditRecorded(Instant.EPOCH, AuditEventType.PASSWORD_REJECTED, null, typed, "203.0.113.9",
                "agent\r\nX-Forged: 1", null), null);

        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028") || line.contains("\u0085"), line);
        JsonObject json = parse(line);
        assertEquals(typed, json.getString("subject"));
        assertEquals("PASSWORD_REJECTED", json.getString("type"));
        assertEquals("agent\r\nX-Forged: 1", json.getString("userAgent"));
    }
}
