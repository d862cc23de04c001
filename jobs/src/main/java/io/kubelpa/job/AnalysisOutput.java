package io.kubelpa.job;

/**
 * What the bounded job hands back, exactly one of: a ledger entry, a dead letter, or an RBAC object
 * changed at Metadata level ({@code partiallyKnown}: kind, namespace and name joined by '/').
 */
public final class AnalysisOutput {
    public UsageFact fact;
    public DeadLetterRecord deadLetter;
    public String partiallyKnown;

    public AnalysisOutput() {}

    static AnalysisOutput of(UsageFact fact) {
        AnalysisOutput output = new AnalysisOutput();
        output.fact = fact;
        return output;
    }

    static AnalysisOutput partiallyKnown(String ref) {
        AnalysisOutput output = new AnalysisOutput();
        output.partiallyKnown = ref;
        return output;
    }

    static AnalysisOutput of(DeadLetterRecord deadLetter) {
        AnalysisOutput output = new AnalysisOutput();
        output.deadLetter = deadLetter;
        return output;
    }
}
