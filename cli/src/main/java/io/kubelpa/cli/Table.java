package io.kubelpa.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * kubectl-style plain tables: columns padded to the widest cell, three spaces apart, fitted to the
 * terminal: the widest columns give way first, and cells cut short end with "…" ({@code --wide}
 * prints every cell in full).
 */
final class Table {
    /** When there is no terminal to ask, or it says nothing. */
    static final int DEFAULT_WIDTH = 120;

    /**
     * No column is cut narrower than this (nor than its header): ids, names and times stay whole, and
     * a table of many long columns may stay wider than the terminal rather than become unreadable.
     */
    static final int MIN_COLUMN = 30;

    private static final String GAP = "   ";

    private Table() {}

    /** $COLUMNS when it holds a sensible width, else {@link #DEFAULT_WIDTH}. */
    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            int width = columns == null ? 0 : Integer.parseInt(columns.strip());
            return width >= 40 ? width : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    static void print(PrintWriter out, List<List<String>> rows) {
        print(out, rows, terminalWidth());
    }

    static void print(PrintWriter out, List<List<String>> rows, int maxWidth) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], display(row.get(c)).length());
            }
        }
        fit(widths, rows.get(0), maxWidth);
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = cut(display(row.get(c)), widths[c]);
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Narrows the widest columns, one character at a time, until the line fits or none can give way. */
    private static void fit(int[] widths, List<String> header, int maxWidth) {
        long total = GAP.length() * (widths.length - 1L);
        for (int width : widths) {
            total += width;
        }
        while (total > maxWidth) {
            int widest = -1;
            for (int c = 0; c < widths.length; c++) {
                int floor = Math.max(MIN_COLUMN, display(header.get(c)).length());
                if (widths[c] > floor && (widest < 0 || widths[c] > widths[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    /** A path or reference (no spaces) keeps its end, the file or object name: "…" goes in the middle. */
    private static String cut(String cell, int width) {
        if (cell.length() <= width) {
            return cell;
        }
        if (cell.indexOf('/') < 0 || cell.indexOf(' ') >= 0) {
            return cell.substring(0, width - 1) + "…";
        }
        int head = (width - 1) / 3;
        return cell.substring(0, head) + "…" + cell.substring(cell.length() - (width - 1 - head));
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
