package io.kubelpa.review;

import io.kubelpa.audit.Observability;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.tightening.RoleTightener;
import java.time.Duration;

/** Everything a least-privilege review can be tuned by. {@code version} is stamped on proposed objects. */
public record ReviewOptions(
        FindingsOptions findings, RoleTightener.Options tightening, Observability observability, String version) {
    public static ReviewOptions defaults(String version) {
        return new ReviewOptions(
                FindingsOptions.DEFAULT, RoleTightener.Options.EXACT, Observability.EVERYTHING, version);
    }

    /** The options the command line and the streaming job's settings choose; the rest are the defaults. */
    public static ReviewOptions of(
            Duration minWindow,
            int maxNarrowNamespaces,
            RoleTightener.Options tightening,
            Observability observability,
            String version) {
        return new ReviewOptions(
                new FindingsOptions(minWindow, maxNarrowNamespaces, FindingsOptions.DEFAULT.privilegedNamespaces()),
                tightening,
                observability,
                version);
    }
}
