package io.kubelpa.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps (as audit events and log envelopes write them) to microseconds since the epoch. */
public final class Timestamps {
    private Timestamps() {}

    /** Microseconds since the epoch, or -1 when the text is absent or not a timestamp. */
    public static long parseMicros(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        try {
            Instant instant = OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    public static String format(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
    }
}
