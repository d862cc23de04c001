package io.kubelpa.cli;

import io.kubelpa.audit.AuditRecordDecoder;
import io.kubelpa.audit.InputFormat;
import picocli.CommandLine.Option;

/** How audit records are shaped: the options every command that reads audit logs has. */
final class AuditInputOptions {
    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, event, event-list, wrapped, azure, cloudwatch or gke (default: ${DEFAULT-VALUE}).")
    String inputFormat;

    @Option(names = "--payload-field", paramLabel = "FIELD",
            description = "Field of a shipper envelope that holds the event (default: log, message or msg).")
    String payloadField;

    InputFormat format() {
        try {
            return InputFormat.parse(inputFormat);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "unknown --input-format '" + inputFormat + "'");
        }
    }

    AuditRecordDecoder decoder() {
        return new AuditRecordDecoder(format(), payloadField);
    }
}
