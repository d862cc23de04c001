package io.kubelpa.cli;

import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.audit.format.EventTimeBounds;
import io.kubelpa.audit.format.InputFormat;
import picocli.CommandLine.Option;

/** How audit records are shaped: the options every command that reads audit logs has. */
final class AuditInputOptions {
    @Option(
            names = "--input-format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description = "auto, event, event-list, wrapped, azure, cloudwatch or gke (default: ${DEFAULT-VALUE}).")
    String inputFormat;

    @Option(
            names = "--payload-field",
            paramLabel = "FIELD",
            description = "Field of a shipper envelope that holds the event (default: log, message or msg).")
    String payloadField;

    @Option(
            names = "--max-clock-skew",
            paramLabel = "DURATION",
            defaultValue = "1h",
            description =
                    "An event later than its file's modification time by more than this (or dated before 2014-06-06) "
                            + "is a dead letter, implausible-time (default: ${DEFAULT-VALUE}).")
    String maxClockSkew;

    /** When events can have happened, from {@code --max-clock-skew}. */
    EventTimeBounds eventTimeBounds() {
        return new EventTimeBounds(
                EventTimeBounds.KUBERNETES_BEGAN_MICROS, DurationFlag.parse("--max-clock-skew", maxClockSkew));
    }

    InputFormat format() {
        try {
            return InputFormat.parse(inputFormat);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "unknown --input-format '" + inputFormat + "'");
        }
    }

    /** The bounded job's reading of the logs, as these options say. */
    void applyTo(org.apache.flink.configuration.Configuration config) {
        config.set(io.kubelpa.analyze.AnalyzeOptions.INPUT_FORMAT, inputFormat);
        config.set(io.kubelpa.job.JobOptions.MAX_FUTURE_SKEW, eventTimeBounds().maxSkew());
        if (payloadField != null) {
            config.set(io.kubelpa.analyze.AnalyzeOptions.PAYLOAD_FIELD, payloadField);
        }
    }

    AuditRecordDecoder decoder() {
        return new AuditRecordDecoder(format(), payloadField);
    }
}
