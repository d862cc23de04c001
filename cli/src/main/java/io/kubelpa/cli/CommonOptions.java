package io.kubelpa.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonOptions {
    @Option(
            names = {"-v", "--verbose"},
            description = "Explain on stderr: what was read, why a decision was made.")
    boolean verbose;

    @Option(
            names = "--wide",
            description = "Print tables in full, however wide (default: fit $COLUMNS, or 120 columns; long"
                    + " cells end with …).")
    boolean wide;

    /** The width tables are fitted to. */
    int tableWidth() {
        return wide ? Integer.MAX_VALUE : Table.terminalWidth();
    }
}
