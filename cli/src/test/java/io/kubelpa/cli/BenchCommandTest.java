package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void floorsFirstWithoutTheStreamingMeasurementIsRefusedBeforeAnythingRuns() {
        CliRun run = lpa("bench", "--floors-first", "--work-dir", "no-such-dir-is-created");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--floors-first applies to the streaming measurement");
        assertThat(Path.of("no-such-dir-is-created")).doesNotExist();
    }
}
