package io.kubelpa.findings;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of the findings: the minimum window for high confidence, how many namespaces a
 * cluster-wide binding's use may span and still be narrowed, and the namespaces where a grant counts
 * as cluster-wide for severity.
 */
public record FindingsOptions(Duration minWindow, int maxNarrowNamespaces, Set<String> privilegedNamespaces) {
    /**
     * Subjects with refused requests that get a finding of their own: those refused most. Past this,
     * one finding counts the rest (usage.json lists every subject's refusals), so that a log of a
     * million probing users gives a bounded list of findings.
     */
    public static final int MAX_DENIED_SUBJECTS = 1000;

    public static final FindingsOptions DEFAULT = new FindingsOptions(Duration.ofDays(7), 3, Set.of("kube-system"));

    public FindingsOptions {
        privilegedNamespaces = Set.copyOf(privilegedNamespaces);
        if (maxNarrowNamespaces < 1) {
            throw new IllegalArgumentException("the namespace limit for narrowing must be at least 1");
        }
    }
}
