package io.kubelpa.policy;

import io.kubelpa.ownership.OwnershipOverride;
import java.util.List;

/**
 * A team's word on a review (a {@code kube-lpa.io/v1} Policy file): what to leave out, which
 * findings are accepted and why, and who owns what when the marks on an object say otherwise.
 * {@code source} names the file.
 */
public record Policy(
        String source, Exclusions exclude, List<SuppressionRule> suppress, List<OwnershipOverride> ownership) {
    public static final Policy NONE = new Policy(null, Exclusions.NONE, List.of(), List.of());

    public Policy {
        suppress = List.copyOf(suppress);
        ownership = List.copyOf(ownership);
    }
}
