package io.kubelpa.review;

import io.kubelpa.audit.Observability;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.policy.Policy;
import io.kubelpa.tightening.RoleTightener;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Everything a least-privilege review can be tuned by. {@code version} is stamped on proposed
 * objects; {@code clock} tells when a policy's suppressions expire.
 */
public record ReviewOptions(
        FindingsOptions findings,
        RoleTightener.Options tightening,
        Observability observability,
        String version,
        Policy policy,
        Clock clock) {

    public ReviewOptions(
            FindingsOptions findings, RoleTightener.Options tightening, Observability observability, String version) {
        this(findings, tightening, observability, version, Policy.NONE, Clock.systemUTC());
    }

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

    public ReviewOptions withPolicy(Policy policy) {
        return new ReviewOptions(findings, tightening, observability, version, policy, clock);
    }

    public ReviewOptions withClock(Clock clock) {
        return new ReviewOptions(findings, tightening, observability, version, policy, clock);
    }

    /** Today in UTC, the day suppressions are judged on. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }
}
