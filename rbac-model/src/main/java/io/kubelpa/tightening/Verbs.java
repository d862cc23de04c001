package io.kubelpa.tightening;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Verb conventions: the order kubectl and the bootstrap roles list them in, and the read verbs. */
public final class Verbs {
    private static final List<String> CONVENTIONAL =
            List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    public static final Set<String> READ = Set.of("get", "list", "watch");

    /** Conventional verbs first in their usual order, any other verb after them alphabetically. */
    public static final Comparator<String> ORDER = Comparator.comparingInt((String verb) -> {
                int index = CONVENTIONAL.indexOf(verb);
                return index < 0 ? CONVENTIONAL.size() : index;
            })
            .thenComparing(Comparator.naturalOrder());

    private Verbs() {}
}
