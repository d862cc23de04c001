package io.kubelpa.report;

/**
 * Bidirectional-text controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) make a name read as
 * another ("evil‮nimda" shows as "evilnimda" reversed); names come from untrusted manifests and logs.
 * Where people read them — reports and the terminal — each is shown as its code, e.g. {@code <U+202E>}.
 * Machine-read outputs (JSON, YAML) keep names exact.
 */
public final class BidiControls {
    private BidiControls() {}

    public static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069;
    }

    /** The text with each bidirectional control shown as its code. */
    public static String visible(String text) {
        if (text.codePoints().noneMatch(BidiControls::isBidiControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (isBidiControl(cp)) {
                out.append(String.format("<U+%04X>", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
