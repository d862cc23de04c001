package io.kubelpa.cli;

import org.apache.flink.configuration.MemorySize;

/** A memory-size flag's value ("32mb", "1gb"), at least a minimum; a usage error naming the flag otherwise. */
final class MemorySizeFlag {
    private MemorySizeFlag() {}

    static MemorySize parse(String flag, String value, MemorySize minimum) {
        try {
            MemorySize size = MemorySize.parse(value);
            if (size.compareTo(minimum) < 0) {
                throw new IllegalArgumentException("must be at least " + minimum.toHumanReadableString());
            }
            return size;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, flag + " " + value + ": " + e.getMessage());
        }
    }
}
