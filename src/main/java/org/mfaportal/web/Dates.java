package org.mfaportal.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages show points in time: one format everywhere, in UTC (Faces 4.0 has no converter for Instant). */
@Named
@ApplicationScoped
public class Dates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The instant as "30 Nov 2026, 09:01 UTC", or an empty string for none. */
    public String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
