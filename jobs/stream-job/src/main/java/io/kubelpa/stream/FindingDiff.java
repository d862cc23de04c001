package io.kubelpa.stream;

import io.kubelpa.findings.Finding;
import io.kubelpa.report.ReviewJsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the compacted findings topic needs after a review: each finding of the review once (the first
 * of a key wins), and a tombstone for every finding open after the previous review that this one no
 * longer has. A pure function of the two reviews.
 */
record FindingDiff(List<FindingRecord> records, List<String> open) {

    static FindingDiff between(List<String> openBefore, List<Finding> findings) {
        ReviewJsonWriter json = new ReviewJsonWriter();
        Set<String> now = new LinkedHashSet<>();
        List<FindingRecord> records = new ArrayList<>();
        for (Finding finding : findings) {
            if (now.add(finding.key())) {
                records.add(
                        new FindingRecord(finding.key(), json.finding(finding).toString()));
            }
        }
        for (String key : openBefore) {
            if (!now.contains(key)) {
                records.add(new FindingRecord(key, null));
            }
        }
        return new FindingDiff(List.copyOf(records), List.copyOf(now));
    }
}
