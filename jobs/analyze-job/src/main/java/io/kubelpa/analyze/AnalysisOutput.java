package io.kubelpa.analyze;

import io.kubelpa.job.EventRecord;
import io.kubelpa.job.UsageFact;
import io.kubelpa.usage.UsageReport.DeadLetter;

/**
 * What the bounded job hands back, exactly one of: a ledger entry, a dead letter, or an RBAC write
 * seen in the log (the event in its compact form), from which the current RBAC is rebuilt.
 */
public final class AnalysisOutput {
    public UsageFact fact;
    public DeadLetter deadLetter;
    public byte[] rbacWrite;

    public AnalysisOutput() {}

    static AnalysisOutput of(UsageFact fact) {
        AnalysisOutput output = new AnalysisOutput();
        output.fact = fact;
        return output;
    }

    static AnalysisOutput rbacWrite(EventRecord write) {
        AnalysisOutput output = new AnalysisOutput();
        output.rbacWrite = write.event;
        return output;
    }

    static AnalysisOutput of(DeadLetter deadLetter) {
        AnalysisOutput output = new AnalysisOutput();
        output.deadLetter = deadLetter;
        return output;
    }
}
