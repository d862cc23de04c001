package io.kubelpa.cli;

import io.kubelpa.audit.AuditPolicyObservability;
import io.kubelpa.audit.Observability;
import io.kubelpa.audit.format.AuditPolicyReader;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.tightening.RoleTightener;
import io.kubelpa.tightening.VerbExpansion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags that shape a review, the same for {@code lpa analyze} and {@code lpa stream}. A flag not
 * given takes the default of its {@link StreamOptions} setting (for {@code lpa stream}, after its
 * configuration file).
 */
final class ReviewFlags {
    @Option(
            names = "--min-window",
            paramLabel = "DURATION",
            description = "Shorter windows give low-confidence findings and no proposals (default: 7d).")
    String minWindow;

    @Option(
            names = "--max-narrow-namespaces",
            paramLabel = "N",
            description = "A ClusterRoleBinding used in at most N namespaces is proposed as RoleBindings (default: 3).")
    Integer maxNarrowNamespaces;

    @Option(
            names = "--expand-verbs",
            paramLabel = "MODE",
            description =
                    "none: keep exactly the verbs used; read: where one of get/list/watch was used, keep all three "
                            + "the role granted (default: none).")
    String expandVerbs;

    @Option(
            names = "--audit-policy",
            paramLabel = "FILE",
            description = "The API server's audit policy: grants it does not log (level None, no response stage) are "
                    + "reported UNOBSERVABLE and always kept, never called unused.")
    Path auditPolicy;

    @Mixin
    PolicyOption policy = new PolicyOption();

    /** The review's options, each flag checked here (a usage error names the flag), with the policy {@link PolicyOption} finds. */
    ReviewOptions options(String version, List<String> rbacPaths) {
        return options(version).withPolicy(policy.load(rbacPaths));
    }

    /** The review's options without a policy file. */
    ReviewOptions options(String version) {
        Duration window = minWindow == null
                ? StreamReviewOptions.MIN_WINDOW.defaultValue()
                : DurationFlag.parse("--min-window", minWindow);
        int maxNarrow = maxNarrowNamespaces == null
                ? StreamReviewOptions.MAX_NARROW_NAMESPACES.defaultValue()
                : maxNarrowNamespaces;
        if (maxNarrow < 1) {
            throw new CliException(ExitCodes.USAGE, "--max-narrow-namespaces must be at least 1");
        }
        RoleTightener.Options tightening = RoleTightener.Options.of(
                expandVerbs == null ? StreamReviewOptions.EXPAND_VERBS.defaultValue() : verbExpansion());
        return ReviewOptions.of(window, maxNarrow, tightening, observability(), version);
    }

    private VerbExpansion verbExpansion() {
        try {
            return VerbExpansion.parse(expandVerbs);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--expand-verbs " + e.getMessage());
        }
    }

    /** The flags given, as the job's settings; the job checks them all before it starts. */
    void applyTo(Configuration config) {
        if (minWindow != null) {
            config.setString(
                    StreamReviewOptions.MIN_WINDOW.key(),
                    DurationFlag.parse("--min-window", minWindow).toMillis() + " ms");
        }
        if (maxNarrowNamespaces != null) {
            config.set(StreamReviewOptions.MAX_NARROW_NAMESPACES, maxNarrowNamespaces);
        }
        if (expandVerbs != null) {
            config.set(StreamReviewOptions.EXPAND_VERBS, verbExpansion());
        }
        if (auditPolicy != null) {
            config.set(
                    StreamReviewOptions.AUDIT_POLICY,
                    auditPolicy.toAbsolutePath().toString());
        }
        if (policy.file != null) {
            config.set(StreamReviewOptions.POLICY, policy.file.toAbsolutePath().toString());
        }
    }

    private Observability observability() {
        if (auditPolicy == null) {
            return Observability.EVERYTHING;
        }
        try {
            return new AuditPolicyObservability(new AuditPolicyReader().read(auditPolicy));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--audit-policy: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.ERROR, "--audit-policy: cannot read " + auditPolicy + ": " + e.getMessage());
        }
    }
}
