package io.kubelpa.rbac;

/**
 * An input document that cannot be used. The message is one line naming the source and, where
 * known, the document index (counted from 0, as {@code kubectl} counts documents in a stream).
 */
public final class ManifestException extends Exception {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String source, int documentIndex, String problem) {
        super(source + ": document " + documentIndex + ": " + oneLine(problem));
    }

    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "invalid document";
        }
        String first = text.strip().lines().findFirst().orElse(text).strip();
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
