package io.kubelpa.stream;

import io.kubelpa.audit.AuditPolicyObservability;
import io.kubelpa.audit.Observability;
import io.kubelpa.audit.format.AuditPolicyReader;
import io.kubelpa.policy.Policy;
import io.kubelpa.policy.PolicyReader;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.tightening.RoleTightener;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * What the review operator needs to know, carried into the job: where to write, the window, the
 * version, and the review options {@code lpa analyze} takes as flags. The audit policy and the
 * kube-lpa policy travel as their text, so a remote cluster needs no copy of the files.
 */
public record ReviewSettings(
        String outputDir,
        Duration window,
        Duration reviewEvery,
        Duration minWindow,
        int maxNarrowNamespaces,
        boolean expandReadVerbs,
        String auditPolicyName,
        String auditPolicyText,
        String policyName,
        String policyText,
        Duration rbacChangeDelay,
        String version)
        implements Serializable {

    /** The settings of {@code config}; {@link IllegalArgumentException} for a value that is not valid. */
    public static ReviewSettings of(Configuration config, String version) {
        Duration window = config.get(StreamReviewOptions.WINDOW);
        Duration every = config.get(StreamReviewOptions.REVIEW_EVERY);
        if (every.toMillis() < 1 || window.compareTo(every) < 0) {
            throw new IllegalArgumentException(StreamReviewOptions.REVIEW_EVERY.key()
                    + " must be positive and not longer than " + StreamReviewOptions.WINDOW.key());
        }
        if (every.toMillis() % 1000 != 0) {
            // Reviews are named by the second: two in one second would share a folder.
            throw new IllegalArgumentException(
                    StreamReviewOptions.REVIEW_EVERY.key() + " must be a whole number of seconds");
        }
        if (window.toMillis() % every.toMillis() != 0) {
            // The window is whole review periods, so each review covers exactly lpa analyze --since <review − window>.
            throw new IllegalArgumentException(StreamReviewOptions.WINDOW.key() + " must be a whole number of "
                    + StreamReviewOptions.REVIEW_EVERY.key() + " periods (" + window + " is not a multiple of " + every
                    + ")");
        }
        int maxNarrow = config.get(StreamReviewOptions.MAX_NARROW_NAMESPACES);
        if (maxNarrow < 1) {
            throw new IllegalArgumentException(StreamReviewOptions.MAX_NARROW_NAMESPACES.key() + " must be at least 1");
        }
        boolean expandRead;
        try {
            expandRead = RoleTightener.Options.of(config.get(StreamReviewOptions.EXPAND_VERBS))
                    .expandReadVerbs();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    StreamReviewOptions.EXPAND_VERBS.key() + " must be none or read, not '"
                            + config.toMap().get(StreamReviewOptions.EXPAND_VERBS.key()) + "'",
                    e);
        }
        String auditPolicyName =
                config.getOptional(StreamReviewOptions.AUDIT_POLICY).orElse(null);
        String auditPolicyText = auditPolicyName == null ? null : read("the audit policy", auditPolicyName);
        String policyName = config.getOptional(StreamReviewOptions.POLICY).orElse(null);
        String policyText = policyName == null ? null : read("the policy", policyName);
        Duration rbacChangeDelay = config.get(StreamReviewOptions.RBAC_CHANGE_DELAY);
        if (rbacChangeDelay.isNegative() || rbacChangeDelay.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    StreamReviewOptions.RBAC_CHANGE_DELAY.key() + " must be a whole number of seconds, 0 or more");
        }
        ReviewSettings settings = new ReviewSettings(
                Path.of(config.get(StreamReviewOptions.OUTPUT_DIR))
                        .toAbsolutePath()
                        .toString(),
                window,
                every,
                config.get(StreamReviewOptions.MIN_WINDOW),
                maxNarrow,
                expandRead,
                auditPolicyName,
                auditPolicyText,
                policyName,
                policyText,
                rbacChangeDelay,
                version);
        settings.reviewOptions(); // a policy that does not read fails here, before the job starts
        return settings;
    }

    /** The options of each review, as {@code lpa analyze} builds them from its flags. */
    ReviewOptions reviewOptions() {
        Observability observability = auditPolicyText == null
                ? Observability.EVERYTHING
                : new AuditPolicyObservability(new AuditPolicyReader().readString(auditPolicyName, auditPolicyText));
        return ReviewOptions.of(
                        minWindow,
                        maxNarrowNamespaces,
                        new RoleTightener.Options(expandReadVerbs),
                        observability,
                        version)
                .withPolicy(policyText == null ? Policy.NONE : PolicyReader.read(policyName, policyText));
    }

    private static String read(String what, String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
