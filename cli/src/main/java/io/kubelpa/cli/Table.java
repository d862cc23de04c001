package io.kubelpa.cli;

import java.io.PrintWriter;
import java.util.List;

/** kubectl-style plain tables: columns padded to the widest cell, three spaces apart. */
final class Table {
    private Table() {}

    static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], display(row.get(c)).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = display(row.get(c));
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - cell.length() + 3));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Cells never carry control characters to the terminal (names come from untrusted manifests). */
    private static String display(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "-";
        }
        return safe(cell);
    }

    /** The text with control characters shown as {@code \xNN}, fit for a terminal. */
    static String safe(String cell) {
        StringBuilder safe = new StringBuilder(cell.length());
        cell.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                safe.append(String.format("\\x%02x", cp));
            } else if (io.kubelpa.output.HiddenCharacters.isHidden(cp)) {
                safe.append(io.kubelpa.output.HiddenCharacters.code(cp));
            } else {
                safe.appendCodePoint(cp);
            }
        });
        return safe.toString();
    }
}
