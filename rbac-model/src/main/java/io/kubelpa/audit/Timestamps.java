package io.kubelpa.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps (as audit events and log envelopes write them) to microseconds since the epoch. */
public final class Timestamps {
    /** What {@link #parseMicros} returns for a missing or unreadable timestamp. */
    public static final long ABSENT = -1;

    private Timestamps() {}

    /** Microseconds since the epoch, or -1 when the text is absent or not a timestamp. */
    public static long parseMicros(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        long fast = parseUtcMicros(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            Instant instant = OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (DateTimeParseException | ArithmeticException e) {
            // (ArithmeticException: a year beyond what microseconds since the epoch can hold)
            return -1;
        }
    }

    /**
     * The common audit form {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z} without the general parser (it is on
     * the path of every event); {@code Long.MIN_VALUE} for anything else.
     */
    private static long parseUtcMicros(String t) {
        int n = t.length();
        if (n < 20
                || t.charAt(n - 1) != 'Z'
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        long fraction = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return Long.MIN_VALUE;
            }
            int value = digits(t, 20, n - 1);
            if (value < 0) {
                return Long.MIN_VALUE;
            }
            fraction = value;
            for (int i = n - 21; i < 6; i++) {
                fraction *= 10;
            }
            for (int i = 6; i < n - 21; i++) {
                fraction /= 10;
            }
        } else if (t.charAt(19) != 'Z') {
            return Long.MIN_VALUE;
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return ((epochDay * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + fraction;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static String format(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .toString();
    }
}
