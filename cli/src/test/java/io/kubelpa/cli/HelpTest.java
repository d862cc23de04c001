package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {
    @Test
    void everyCommandsHelpEndsWithTwoOrThreeWholeExamples() {
        List<String> commands = new CommandLine(new LpaCommand())
                .getSubcommands().keySet().stream()
                        .filter(name -> !name.equals("help"))
                        .toList();
        assertThat(commands).contains("what-can", "generate", "analyze", "pr");
        for (String command : commands) {
            CliRun help = lpa(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            List<String> lines = help.out().strip().lines().toList();
            List<String> examples = lines.subList(lines.indexOf("Examples:") + 1, lines.size());
            assertThat(lines).as(command).contains("Examples:");
            assertThat(examples)
                    .as("%s --help ends with its examples", command)
                    .hasSizeBetween(2, 3)
                    .allSatisfy(line -> assertThat(line).startsWith("  lpa "));
            assertThat(lines)
                    .as("%s --help: no line past the help width, so no example breaks", command)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(LpaCommand.HELP_WIDTH));
        }
    }
}
