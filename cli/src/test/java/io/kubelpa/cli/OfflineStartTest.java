package io.kubelpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The offline commands answer from manifests and analysis files alone: run in a JVM of their own,
 * as a user starts them, they never load a Flink class (which would cost start-up for nothing).
 */
class OfflineStartTest {
    private static final Path SAMPLE_RBAC = Path.of("..", "sample-audit-logs", "rbac");

    @TempDir
    static Path dir;

    static Path analysis;

    @BeforeAll
    static void analyze() throws Exception {
        analysis = dir.resolve("out");
        CliRun run = CliRun.lpa(
                "analyze",
                "--rbac",
                SAMPLE_RBAC.toString(),
                "--audit-log",
                Path.of("..", "sample-audit-logs", "audit").toString(),
                "--out",
                analysis.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "can-i get pods -n payments --as alice --rbac RBAC",
                "who-can get secrets -n payments --rbac RBAC",
                "what-can User:alice --rbac RBAC",
                "risks --rbac RBAC",
                "report --from OUT -o markdown",
                "diff --proposals OUT/proposals --rbac RBAC"
            })
    void loadsNoFlinkClass(String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                LpaCommand.class.getName()));
        for (String word : command.split(" ")) {
            args.add(word.replace("RBAC", SAMPLE_RBAC.toString()).replace("OUT", analysis.toString()));
        }
        Path log = dir.resolve("classes.log");
        Process lpa = new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!lpa.waitFor(120, TimeUnit.SECONDS)) {
            lpa.destroyForcibly();
            throw new AssertionError(command + " did not end within 120 s");
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lpa.exitValue())
                .as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                .isIn(0, 1);
        assertThat(lines).as("classes loaded").anyMatch(l -> l.contains("io.kubelpa.cli.LpaCommand"));
        assertThat(lines)
                .filteredOn(l -> l.contains("[class,load] org.apache.flink."))
                .isEmpty();
    }
}
