package io.kubelpa.usage;

import java.util.Map;

/**
 * Per-subject usage as a review reads it: in memory for an analysis, or a view over a store for a
 * streaming review of many subjects, where each visit reads the subject again. Readers go through
 * the subjects one at a time, or look one up by user name, and keep nothing per subject.
 */
public interface SubjectLedger {
    /** Subjects by user name, sorted; read-only. */
    Map<String, SubjectUsage> subjects();
}
