package io.kubelpa.cli;

import io.kubelpa.findings.Durations;
import java.time.Duration;

/** A duration flag's value (7d, 10m, 1h30m), refused with the flag's name when unreadable or negative. */
final class DurationFlag {
    private DurationFlag() {}

    static Duration parse(String flag, String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CliException(ExitCodes.USAGE, flag + ": " + e.getMessage());
        }
        if (duration.isNegative()) {
            throw new CliException(ExitCodes.USAGE, flag + " must not be negative");
        }
        return duration;
    }
}
