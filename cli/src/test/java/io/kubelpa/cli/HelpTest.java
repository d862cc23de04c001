package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {
    @Test
    void everyCommandsHelpEndsWithTwoOrThreeWholeExamples() {
        List<String> commands = LpaCommand.SUBCOMMANDS.stream()
                .map(command -> command.getAnnotation(CommandLine.Command.class).name())
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

    @Test
    void theTopLevelHelpListsEveryCommandAndAMistypedOneGetsASuggestion() {
        CliRun help = lpa("--help");
        assertThat(help.exitCode()).isZero();
        LpaCommand.SUBCOMMANDS.forEach(command -> assertThat(help.out())
                .contains(
                        "  " + command.getAnnotation(CommandLine.Command.class).name() + " "));
        CliRun helpOfOne = lpa("help", "can-i");
        assertThat(helpOfOne.exitCode()).as(helpOfOne.err()).isZero();
        assertThat(helpOfOne.out()).contains("Usage: lpa can-i");
        CliRun typo = lpa("can-j", "get", "pods");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("can-i");
    }
}
