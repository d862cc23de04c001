package io.kubelpa.authz;

/**
 * Go's {@code %q} formatting of a string ({@code strconv.Quote}), which the API server uses for the
 * names in authorization reasons: printable characters stay, quotes and backslashes are escaped,
 * everything else becomes an escape sequence.
 */
public final class GoQuote {
    private GoQuote() {}

    public static String quote(String value) {
        if (isPlainAscii(value)) {
            return '"' + value + '"';
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> append(out, cp));
        return out.append('"').toString();
    }

    /** Printable ASCII without quotes or backslashes: the common case, quoted as it is. */
    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void append(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isPrintable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < 0x80 || cp == 0xFFFD) {
                    out.append(String.format("\\x%02x", cp & 0xFF));
                } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
