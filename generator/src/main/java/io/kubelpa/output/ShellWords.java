package io.kubelpa.output;

/** Words of a command line shown to the user to copy: a value from a manifest must stay one word and never run. */
public final class ShellWords {
    private ShellWords() {}

    /**
     * A shell word: plain when safe, single-quoted otherwise, and in bash's {@code $'…'} form with
     * {@code \\uXXXX} escapes when it holds a control or hidden character, which would otherwise
     * reorder or break the command as it is read.
     */
    public static String quote(String value) {
        if (value.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return value;
        }
        if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp) || HiddenCharacters.isHidden(cp))) {
            StringBuilder word = new StringBuilder("$'");
            value.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || HiddenCharacters.isHidden(cp)) {
                    word.append(String.format("\\u%04x", cp));
                } else if (cp == '\'' || cp == '\\') {
                    word.append('\\').appendCodePoint(cp);
                } else {
                    word.appendCodePoint(cp);
                }
            });
            return word.append('\'').toString();
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
