package io.kubelpa.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The single-thread limit every rate of {@code lpa bench} is compared with: the fields the analysis
 * needs pulled out of each event with Jackson's streaming parser, bodies skipped, nothing kept.
 */
public final class FieldExtraction {
    private static final Set<String> FIELDS = Set.of(
            "auditID",
            "stage",
            "verb",
            "requestURI",
            "username",
            "groups",
            "resource",
            "subresource",
            "namespace",
            "name",
            "apiGroup",
            "code",
            "stageTimestamp",
            "authorization.k8s.io/decision",
            "authorization.k8s.io/reason");

    private static final JsonFactory FACTORY = new JsonFactory();

    private FieldExtraction() {}

    /** Every line of a JSON-lines log; returns the events read. */
    public static long extract(Path log) throws IOException {
        long events = 0;
        long checksum = 0;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                checksum += extract(line.getBytes(StandardCharsets.UTF_8));
                events++;
            }
        }
        return checksum >= 0 ? events : -1;
    }

    /** The needed fields of one event; returns a checksum so that nothing is optimised away. */
    public static long extract(byte[] event) {
        long checksum = 0;
        try (JsonParser parser = FACTORY.createParser(event)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && FIELDS.contains(parser.currentName())) {
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING) {
                        checksum += parser.getTextLength();
                    } else if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            checksum += parser.getTextLength();
                        }
                    }
                } else if (token == JsonToken.FIELD_NAME && isBody(parser.currentName())) {
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return checksum;
    }

    private static boolean isBody(String field) {
        return "requestObject".equals(field) || "responseObject".equals(field);
    }
}
