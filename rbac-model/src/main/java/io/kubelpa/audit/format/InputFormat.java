package io.kubelpa.audit.format;

import java.util.Locale;

/** How input records are shaped; AUTO detects the shape of each record. */
public enum InputFormat {
    AUTO,
    /** One audit Event per record (also with shipper fields such as @timestamp around it). */
    EVENT,
    /** A webhook EventList, a JSON array of Events, or either inside a record. */
    EVENT_LIST,
    /** A shipper envelope whose payload field holds the Event as a string or object. */
    WRAPPED,
    /** Azure diagnostic records: {@code records[].properties.log}. */
    AZURE,
    /** CloudWatch Logs subscription payloads: {@code logEvents[].message}, possibly gzip and base64. */
    CLOUDWATCH,
    /** GKE Cloud Logging LogEntry with {@code protoPayload.serviceName == "k8s.io"}. */
    GKE;

    public static InputFormat parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
