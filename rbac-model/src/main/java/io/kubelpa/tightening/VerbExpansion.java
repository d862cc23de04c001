package io.kubelpa.tightening;

import java.util.Locale;

/** Which verbs a tightened rule keeps beyond those used. */
public enum VerbExpansion {
    /** Exactly the verbs used. */
    NONE,
    /** Where one of get/list/watch was used, the others of the three that the rule granted. */
    READ;

    /** From its name, in any case; a one-line reason for anything else. */
    public static VerbExpansion parse(String name) {
        for (VerbExpansion expansion : values()) {
            if (expansion.toString().equals(name.toLowerCase(Locale.ROOT))) {
                return expansion;
            }
        }
        throw new IllegalArgumentException("must be none or read, not '" + name + "'");
    }

    /** The name as settings and flags spell it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
