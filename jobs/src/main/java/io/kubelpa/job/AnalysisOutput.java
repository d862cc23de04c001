package io.kubelpa.job;

/** What the bounded job hands back: a ledger entry or a dead letter (exactly one is set). */
public final class AnalysisOutput {
    public UsageFact fact;
    public DeadLetterRecord deadLetter;

    public AnalysisOutput() {}

    static AnalysisOutput of(UsageFact fact) {
        AnalysisOutput output = new AnalysisOutput();
        output.fact = fact;
        return output;
    }

    static AnalysisOutput of(DeadLetterRecord deadLetter) {
        AnalysisOutput output = new AnalysisOutput();
        output.deadLetter = deadLetter;
        return output;
    }
}
