package org.mfaportal.audit;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One audit event as one line of JSON for a SIEM (time in UTC to the millisecond): every value is a field of its own, built with JSON-P so quotes,
 * backslashes and control characters in attacker-chosen values (a typed username, a user agent) are escaped and can
 * never end the line or add a field. Absent values are left out rather than written as null.
 */
public final class AuditTrailLine {

    private AuditTrailLine() {
    }

    /** @param node the server that recorded it (jboss.node.name), so lines from several nodes can be told apart */
    public static String of(AuditRecorded event, String node) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().truncatedTo(ChronoUnit.MILLIS)))
                .add("type", event.type().name());
        addIfPresent(json, "actor", event.actorUsername());
        addIfPresent(json, "subject", event.subjectUsername());
        addIfPresent(json, "ip", event.ipAddress());
        addIfPresent(json, "userAgent", event.userAgent());
        addIfPresent(json, "detail", event.detail());
        addIfPresent(json, "node", node);
        return escapeUnicodeLineBreaks(json.build().toString());
    }

    /**
     * JSON allows U+0085, U+2028 and U+2029 raw inside strings, but some log shippers and older JavaScript parsers treat
     * them as line ends. Outside strings JSON has none of them, so escaping them keeps the same value on one line.
     */
    private static String escapeUnicodeLineBreaks(String json) {
        return json.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
