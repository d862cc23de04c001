package io.kubelpa.rbac;

import java.util.regex.Pattern;

/** A shell-style pattern over a whole text: {@code *} matches any run of characters, everything else itself. */
public record Glob(String text) {
    public Glob {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a pattern must not be empty");
        }
    }

    public boolean matches(String value) {
        return value != null && regex().matcher(value).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        for (String literal : text.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
