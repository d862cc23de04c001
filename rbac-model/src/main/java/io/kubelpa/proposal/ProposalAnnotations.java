package io.kubelpa.proposal;

import java.util.Map;
import java.util.TreeMap;

/** The annotations and label kube-lpa puts on the objects it proposes. */
public final class ProposalAnnotations {
    public static final String PREFIX = "kube-lpa.io/";
    public static final String WINDOW = PREFIX + "analysis-window";
    public static final String VERSION = PREFIX + "version";
    public static final String PROPOSAL = PREFIX + "proposal";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    private ProposalAnnotations() {}

    public static Map<String, String> stamp(String window, String version) {
        Map<String, String> stamp = new TreeMap<>();
        stamp.put(WINDOW, window);
        stamp.put(VERSION, version);
        return stamp;
    }
}
