package io.kubelpa.risk;

import java.util.Locale;

/** Finding severity, ordered from least to most severe. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public Severity lower() {
        return this == LOW ? LOW : values()[ordinal() - 1];
    }

    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
