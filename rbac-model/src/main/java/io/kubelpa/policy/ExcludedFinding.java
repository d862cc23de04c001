package io.kubelpa.policy;

import io.kubelpa.findings.Finding;

/** A finding a policy left out, and the exclusion that did. */
public record ExcludedFinding(Finding finding, String why) {}
