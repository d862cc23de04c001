package io.kubelpa.findings;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them on command lines: {@code 30d}, {@code 12h}, {@code 90m}, {@code 1d12h}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Durations() {}

    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(
                    switch (matcher.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 7d, 12h, 1d12h)");
        }
        return total;
    }

    public static String format(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0 || out.length() == 0) {
            out.append(minutes).append('m');
        }
        return out.toString();
    }
}
