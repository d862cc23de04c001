package io.kubelpa.audit.format;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.RequestInfoParser;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of the Logstash CSV projection of audit events (no header; columns: host,
 * requestReceivedTimestamp, user.username, verb, objectRef.resource, objectRef.subresource,
 * objectRef.name, responseObject.metadata.name, requestURI, auditID, stage, responseStatus.code, and
 * three uids). It keeps no groups and no annotations, so its events are degraded.
 */
public final class CsvProjectionDecoder {
    private static final int COLUMNS = 15;

    public DecodeResult decode(String row) {
        DecodeResult result = new DecodeResult();
        result.format("csv");
        if (row.isBlank()) {
            result.skip("empty", "empty record");
            return result;
        }
        List<String> cells = cells(row);
        if (cells == null || cells.size() != COLUMNS) {
            result.reject(
                    "malformed-csv",
                    "expected " + COLUMNS + " CSV columns, found "
                            + (cells == null ? "an unterminated quote" : cells.size()));
            return result;
        }
        String auditID = cells.get(9);
        String username = cells.get(2);
        if (auditID.isEmpty() || username.isEmpty()) {
            result.reject(
                    auditID.isEmpty() ? "missing-audit-id" : "missing-user",
                    "CSV row without " + (auditID.isEmpty() ? "auditID" : "username"));
            return result;
        }
        Stage stage;
        try {
            stage = Stage.parse(cells.get(10));
        } catch (IllegalArgumentException e) {
            result.reject("unknown-stage", e.getMessage());
            return result;
        }
        int code;
        try {
            code = cells.get(11).isEmpty() ? 0 : Integer.parseInt(cells.get(11));
        } catch (NumberFormatException e) {
            result.reject("malformed-csv", "status code \"" + cells.get(11) + "\" is not a number");
            return result;
        }
        AuditEvent withoutRef = new AuditEvent(
                auditID,
                stage,
                "",
                cells.get(3),
                cells.get(8),
                new UserInfo(username, List.of()),
                null,
                null,
                code,
                null,
                null,
                Timestamps.parseMicros(cells.get(1)),
                true,
                null);
        result.event(cells.get(4).isEmpty() ? withoutRef : withObjectRef(withoutRef, cells));
        return result;
    }

    /** The projection drops objectRef's namespace and group; the request path still has them. */
    private static AuditEvent withObjectRef(AuditEvent event, List<String> cells) {
        RequestAttributes fromPath = RequestInfoParser.attributes(event, event.user());
        ObjectReference ref = new ObjectReference(
                fromPath.apiGroup(), cells.get(4), cells.get(5), fromPath.namespace(), cells.get(6));
        return new AuditEvent(
                event.auditID(),
                event.stage(),
                event.level(),
                event.verb(),
                event.requestURI(),
                event.user(),
                null,
                ref,
                event.responseCode(),
                null,
                null,
                event.timeMicros(),
                true,
                null);
    }

    /** RFC 4180 cells, or null when a quote is left open (a truncated row). */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
