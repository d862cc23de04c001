package io.kubelpa.generate;

import java.util.Locale;

/**
 * How generated roles go beyond exactly what was used: verbs added where one of a group was used,
 * objects restricted by name where a subject only ever touched a few, and how many namespaces a
 * subject may use before one ClusterRole replaces its Roles.
 */
public record GenerateOptions(Verbs verbs, boolean resourceNames, int maxNarrowNamespaces) {
    /** At most this many names of one resource are listed; past it, the rule is for every object. */
    public static final int MAX_RESOURCE_NAMES = 5;

    public static final GenerateOptions DEFAULT = new GenerateOptions(Verbs.NONE, true, 3);

    public GenerateOptions {
        if (maxNarrowNamespaces < 1) {
            throw new IllegalArgumentException("--max-narrow-namespaces must be at least 1");
        }
    }

    /** Which verbs are added to those used. */
    public enum Verbs {
        /** Exactly the verbs used. */
        NONE,
        /** Where one of get/list/watch was used, the three. */
        READ,
        /** As READ, and where one of create/update/patch/delete was used, the four. */
        ALL;

        public static Verbs parse(String text) {
            for (Verbs verbs : values()) {
                if (verbs.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return verbs;
                }
            }
            throw new IllegalArgumentException("--expand-verbs must be none, read or all, not '" + text + "'");
        }
    }

    /** {@code auto} or {@code never}; a one-line reason for anything else. */
    public static boolean parseResourceNames(String text) {
        return switch (text) {
            case "auto" -> true;
            case "never" -> false;
            default -> throw new IllegalArgumentException("--resource-names must be auto or never, not '" + text + "'");
        };
    }
}
