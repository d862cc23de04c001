package io.kubelpa.output;

/**
 * Characters that make a name read as another where people read it: bidirectional-text controls
 * (U+202E RIGHT-TO-LEFT OVERRIDE and its kin reorder what follows) and the line separators YAML and
 * Markdown show as a break or a space (U+0085 NEL, U+2028, U+2029). Names come from untrusted
 * manifests and logs; in reports, pull requests and the terminal each is shown as its code, e.g.
 * {@code <U+202E>}. Machine-read outputs (JSON, YAML values) keep names exact.
 */
public final class HiddenCharacters {
    private HiddenCharacters() {}

    public static boolean isHidden(int codePoint) {
        return codePoint == 0x061C
                || codePoint == 0x200E
                || codePoint == 0x200F
                || codePoint >= 0x202A && codePoint <= 0x202E
                || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint == 0x0085
                || codePoint == 0x2028
                || codePoint == 0x2029;
    }

    /** The text with each hidden character shown as its code. */
    public static String visible(String text) {
        if (text.codePoints().noneMatch(HiddenCharacters::isHidden)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (isHidden(cp)) {
                out.append(code(cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** How a hidden character is shown. */
    public static String code(int codePoint) {
        return String.format("<U+%04X>", codePoint);
    }
}
