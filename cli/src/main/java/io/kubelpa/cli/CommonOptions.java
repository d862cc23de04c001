package io.kubelpa.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonOptions {
    @Option(
            names = {"-v", "--verbose"},
            description = "Explain on stderr: what was read, why a decision was made.")
    boolean verbose;
}
