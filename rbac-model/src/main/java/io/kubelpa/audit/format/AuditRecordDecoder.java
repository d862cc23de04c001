package io.kubelpa.audit.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.audit.AuditEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Turns one input record (a log line, a Kafka message, a file's JSON document) into audit events,
 * whatever envelope real pipelines put around them: a bare Event, an EventList or JSON array, a
 * shipper object with Event fields plus extras, a shipper string field ({@code log}, {@code message}
 * or a configured one), Azure diagnostic records, CloudWatch Logs subscription payloads (gzip and
 * base64 too), Logs Insights results and GKE LogEntries. Never throws on bad input: a record that
 * cannot be used becomes a dead letter with a reason; one that is valid but not an audit event of
 * interest is skipped with a reason.
 */
public final class AuditRecordDecoder {
    /** Largest record accepted (a webhook batch is at most 10 MiB; an event at most a few MiB). */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private static final int MAX_DEPTH = 6;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");
    private static final List<String> DEFAULT_PAYLOAD_FIELDS = List.of("log", "message", "msg");
    private static final Pattern LEGACY_TEXT = Pattern.compile("^\\S+ AUDIT: id=\".*");

    private final InputFormat format;
    private final ObjectMapper json;
    private final List<String> payloadFields;
    private final StreamingEventReader fastPath;

    public AuditRecordDecoder(InputFormat format, String payloadField) {
        this.format = format;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxStringLength(MAX_RECORD_BYTES)
                .maxDocumentLength(MAX_RECORD_BYTES)
                .build();
        this.json = new ObjectMapper();
        this.json.getFactory().setStreamReadConstraints(constraints);
        this.payloadFields =
                payloadField == null || payloadField.isEmpty() ? DEFAULT_PAYLOAD_FIELDS : List.of(payloadField);
        this.fastPath = new StreamingEventReader(constraints, Set.copyOf(payloadFields));
    }

    public AuditRecordDecoder() {
        this(InputFormat.AUTO, null);
    }

    public DecodeResult decode(byte[] record) {
        DecodeResult result = new DecodeResult();
        if ((format == InputFormat.AUTO || format == InputFormat.EVENT)
                && record.length <= MAX_RECORD_BYTES
                && startsWithObject(record)) {
            AuditEvent event = fastPath.read(record);
            if (event != null) {
                result.format("event");
                result.event(event);
                return result;
            }
        }
        decodeBytes(record, format, 0, result);
        return result;
    }

    private static boolean startsWithObject(byte[] record) {
        for (byte b : record) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    /** Decodes a JSON tree that a caller already parsed (e.g. a YAML document). */
    public DecodeResult decode(JsonNode record) {
        DecodeResult result = new DecodeResult();
        decodeNode(record, format, 0, result);
        return result;
    }

    private void decodeBytes(byte[] bytes, InputFormat shape, int depth, DecodeResult result) {
        if (bytes.length > MAX_RECORD_BYTES) {
            result.reject(
                    "oversized",
                    "record of " + bytes.length + " bytes is over the " + MAX_RECORD_BYTES + "-byte limit");
            return;
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            byte[] inflated = gunzip(bytes, result);
            if (inflated != null) {
                decodeBytes(inflated, shape, depth + 1, result);
            }
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            result.reject("not-utf8", "record is not valid UTF-8");
            return;
        }
        decodeText(text, shape, depth, result);
    }

    private void decodeText(String text, InputFormat shape, int depth, DecodeResult result) {
        if (depth > MAX_DEPTH) {
            result.reject("too-deep", "envelopes nested more than " + MAX_DEPTH + " levels");
            return;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            result.skip("empty", "empty record");
            return;
        }
        char first = trimmed.charAt(0);
        if (first == '{' || first == '[') {
            decodeJsonValues(trimmed, shape, depth, result);
        } else if (LEGACY_TEXT.matcher(trimmed).matches()) {
            result.format("legacy-text");
            result.skip(
                    "legacy-text-format",
                    "pre-1.8 legacy text audit line: it records no authorization decision and no objectRef");
        } else if (trimmed.length() > 16 && BASE64.matcher(trimmed).matches()) {
            byte[] decoded;
            try {
                decoded = Base64.getMimeDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                result.reject("not-json", "record is neither JSON nor base64");
                return;
            }
            decodeBytes(decoded, shape, depth + 1, result);
        } else {
            result.reject("not-json", "record does not start with '{' or '['");
        }
    }

    /**
     * Every JSON value of the text in turn: a message may carry several events one after another (newline-
     * delimited batches). Content after the last whole value that is not one is a dead letter, never dropped.
     */
    private void decodeJsonValues(String text, InputFormat shape, int depth, DecodeResult result) {
        int values = 0;
        try (JsonParser parser = json.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                JsonNode node = json.readTree(parser);
                values++;
                decodeNode(node, shape, depth + 1, result);
            }
        } catch (IOException e) {
            String detail = withoutContent(firstLine(
                    e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()));
            result.reject(
                    "malformed-json", values == 0 ? detail : detail + " (after " + values + " whole JSON value(s))");
        }
    }

    private void decodeNode(JsonNode node, InputFormat shape, int depth, DecodeResult result) {
        if (depth > MAX_DEPTH) {
            result.reject("too-deep", "envelopes nested more than " + MAX_DEPTH + " levels");
            return;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            result.skip("empty", "empty record");
            return;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                result.skip("empty", "an empty JSON array");
            }
            for (JsonNode element : node) {
                decodeNode(element, shape, depth + 1, result);
            }
            return;
        }
        if (!node.isObject()) {
            result.reject(
                    "not-an-object",
                    "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            return;
        }
        switch (shape) {
            case EVENT -> event(node, result);
            case EVENT_LIST -> eventList(node, depth, result);
            case WRAPPED -> wrapped(node, depth, result);
            case AZURE -> azure(node, depth, result);
            case CLOUDWATCH -> cloudWatch(node, depth, result);
            case GKE -> gke(node, result);
            case AUTO -> detect(node, depth, result);
        }
    }

    private void detect(JsonNode node, int depth, DecodeResult result) {
        String kind = node.path("kind").isTextual() ? node.path("kind").asText() : "";
        if ("EventList".equals(kind)
                || (node.path("items").isArray()
                        && node.path("apiVersion").asText().startsWith("audit.k8s.io"))) {
            eventList(node, depth, result);
        } else if (node.path("records").isArray() || node.path("properties").has("log")) {
            azure(node, depth, result);
        } else if (node.path("logEvents").isArray() || node.has("messageType")) {
            cloudWatch(node, depth, result);
        } else if (node.path("results").isArray()) {
            logsInsights(node, depth, result);
        } else if (node.has("protoPayload")) {
            gke(node, result);
        } else if (node.has("auditID") || "Event".equals(kind)) {
            event(node, result);
        } else if (payload(node) != null) {
            wrapped(node, depth, result);
        } else if (!kind.isEmpty()) {
            result.skip("other-kind", "a " + kind + " object, not an audit event");
        } else {
            result.reject(
                    "not-an-audit-event",
                    "JSON object without auditID, kind Event or a known envelope"
                            + (node.has("kind") ? " (kind " + node.get("kind") + ")" : ""));
        }
    }

    private static void event(JsonNode node, DecodeResult result) {
        result.format("event");
        try {
            result.event(NativeEventReader.read(node));
        } catch (RejectedRecord e) {
            result.reject(e.reason(), e.getMessage());
        }
    }

    private void eventList(JsonNode node, int depth, DecodeResult result) {
        result.format("event-list");
        JsonNode items = node.isArray() ? node : node.path("items");
        if (!items.isArray()) {
            result.reject("not-an-event-list", "expected an EventList with items");
            return;
        }
        if (items.isEmpty()) {
            result.skip("empty", "an EventList without items");
        }
        for (JsonNode item : items) {
            if (item.isObject()) {
                event(item, result);
            } else {
                decodeNode(item, InputFormat.AUTO, depth + 1, result);
            }
        }
    }

    private JsonNode payload(JsonNode node) {
        for (String field : payloadFields) {
            JsonNode value = node.get(field);
            if (value != null && (value.isTextual() || value.isObject())) {
                return value;
            }
        }
        return null;
    }

    private void wrapped(JsonNode node, int depth, DecodeResult result) {
        result.format("wrapped");
        JsonNode payload = payload(node);
        if (payload == null) {
            result.reject("no-payload", "no payload field among " + payloadFields);
        } else if (payload.isTextual()) {
            decodeText(payload.asText(), InputFormat.AUTO, depth + 1, result);
        } else {
            decodeNode(payload, InputFormat.AUTO, depth + 1, result);
        }
    }

    private void azure(JsonNode node, int depth, DecodeResult result) {
        result.format("azure");
        JsonNode records = node.has("records") ? node.path("records") : node;
        if (!records.isArray()) {
            records = json.createArrayNode().add(node);
        }
        for (JsonNode record : records) {
            String category = record.path("category").asText("");
            JsonNode log = record.path("properties").path("log");
            if (!category.isEmpty() && !category.startsWith("kube-audit")) {
                result.skip("not-audit-category", "Azure diagnostic record of category " + category);
            } else if (log.isTextual()) {
                decodeText(log.asText(), InputFormat.AUTO, depth + 1, result);
            } else if (log.isObject()) {
                decodeNode(log, InputFormat.AUTO, depth + 1, result);
            } else {
                result.reject("no-payload", "Azure record without properties.log");
            }
        }
    }

    private void cloudWatch(JsonNode node, int depth, DecodeResult result) {
        result.format("cloudwatch");
        if ("CONTROL_MESSAGE".equals(node.path("messageType").asText())) {
            result.skip("control-message", "CloudWatch Logs subscription control message");
            return;
        }
        JsonNode logEvents = node.path("logEvents");
        if (!logEvents.isArray()) {
            result.reject("no-payload", "CloudWatch payload without logEvents");
            return;
        }
        for (JsonNode logEvent : logEvents) {
            JsonNode message = logEvent.path("message");
            if (message.isTextual()) {
                decodeText(message.asText(), InputFormat.AUTO, depth + 1, result);
            } else {
                result.reject("no-payload", "CloudWatch log event without a message string");
            }
        }
    }

    private void logsInsights(JsonNode node, int depth, DecodeResult result) {
        result.format("logs-insights");
        for (JsonNode row : node.path("results")) {
            JsonNode message = null;
            for (JsonNode column : row) {
                if ("@message".equals(column.path("field").asText())) {
                    message = column.path("value");
                }
            }
            if (message != null && message.isTextual()) {
                decodeText(message.asText(), InputFormat.AUTO, depth + 1, result);
            } else {
                result.skip("no-message-column", "Logs Insights result row without @message");
            }
        }
    }

    private static void gke(JsonNode node, DecodeResult result) {
        result.format("gke");
        if (!GkeLogEntryReader.isKubernetesEntry(node)) {
            result.skip(
                    "not-kubernetes-service",
                    "Cloud Logging entry of service "
                            + node.path("protoPayload").path("serviceName").asText("(none)"));
            return;
        }
        try {
            result.event(GkeLogEntryReader.read(node));
        } catch (RejectedRecord e) {
            result.reject(e.reason(), e.getMessage());
        }
    }

    private static byte[] gunzip(byte[] bytes, DecodeResult result) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] inflated = in.readNBytes(MAX_RECORD_BYTES + 1);
            if (inflated.length > MAX_RECORD_BYTES) {
                result.reject("oversized", "gzip record inflates beyond " + MAX_RECORD_BYTES + " bytes");
                return null;
            }
            return inflated;
        } catch (IOException e) {
            result.reject("bad-gzip", "gzip record cannot be inflated: " + e.getMessage());
            return null;
        }
    }

    /**
     * Parser messages quote the offending token, which may be a piece of a secret in a damaged
     * record; dead letters keep the reason, never content.
     */
    static String withoutContent(String message) {
        return message.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
