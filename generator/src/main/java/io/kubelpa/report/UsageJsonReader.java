package io.kubelpa.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a usage.json a subject at a time, the way {@link UsageJsonWriter} writes it, so a ledger of a
 * million subjects is never one JSON tree: the other top-level fields whole, each subject on its own.
 */
public final class UsageJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives what a usage.json holds. */
    public interface Visitor {
        /** A top-level field other than the subjects: window, counters and the like. */
        default void field(String name, JsonNode value) {}

        void subject(JsonNode subject);
    }

    private UsageJsonReader() {}

    public static void read(Path file, Visitor visitor) throws IOException {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("subjects")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        visitor.subject(JSON.readTree(parser));
                    }
                } else {
                    visitor.field(field, JSON.readTree(parser));
                }
            }
        }
    }
}
