package io.kubelpa.findings;

import java.util.List;

/**
 * Whether evidence of non-use is strong enough to act on. Low when the window is shorter than the
 * minimum, or the grant was created or changed inside it, or changed in a way the log could not show.
 */
public record Confidence(boolean high, List<String> reasons) {
    public static final Confidence HIGH = new Confidence(true, List.of());

    public Confidence {
        reasons = List.copyOf(reasons);
    }

    public static Confidence low(List<String> reasons) {
        return new Confidence(false, reasons);
    }

    public String label() {
        return high ? "high" : "low";
    }
}
