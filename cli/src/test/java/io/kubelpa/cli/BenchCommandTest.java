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

    @Test
    void scalesMustBeOneOrTwoPositiveOnesTheSmallerFirst() {
        for (String scales : new String[] {"1713,571", "0", "5,5", "1,2,3"}) {
            CliRun run = lpa("bench", "--scale", scales, "--work-dir", "no-such-dir-is-created");

            assertThat(run.exitCode()).as(scales).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--scale takes one positive scale or two, the smaller first");
        }
        assertThat(Path.of("no-such-dir-is-created")).doesNotExist();
    }
}
