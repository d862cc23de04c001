package io.kubelpa.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.usage.UsageReport.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool gives back every dead letter exactly, by file and then by number within it, and leaves nothing behind. */
class DeadLetterSpoolTest {
    @TempDir
    Path scratch;

    @Test
    void deadLettersComeBackByFileThenPositionWhateverTheOrderTheyCameIn() throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        for (String file : List.of("/logs/a.log", "/logs/a.log.1", "/logs/b\u0000\uD83D\uDE00.log", "/logs/c.log.gz")) {
            letters.add(new DeadLetter(file, "unreadable-file", "cut short"));
            for (long position : new long[] {1, 2, 9, 10, 11, 100, 1_000_000_000_000L}) {
                letters.add(new DeadLetter(file + ":" + position, "not-json", "line " + position + " \u202e"));
            }
        }
        letters.add(new DeadLetter("/logs/d.log@0", "oversized", "record over 16 MiB"));
        letters.add(new DeadLetter("/logs/d.log@33554432", "oversized", "record over 16 MiB"));
        letters.add(new DeadLetter("/logs/d.log@4096", "not-utf8", ""));
        List<DeadLetter> shuffled = new ArrayList<>(letters);
        Collections.shuffle(shuffled, new Random(5));

        try (DeadLetterSpool spool = new DeadLetterSpool(scratch)) {
            for (DeadLetter letter : shuffled) {
                spool.add(letter);
            }
            List<DeadLetter> expected = new ArrayList<>(letters);
            expected.sort(Comparator.comparing(DeadLetter::file).thenComparingLong(DeadLetter::position));
            assertThat(spool.asList()).hasSize(letters.size()).containsExactlyElementsOf(expected);
            assertThat(spool.asList().get(3)).isEqualTo(expected.get(3));
            assertThat(spool.asList().get(0).location()).isEqualTo("/logs/a.log");
            assertThat(spool.asList().stream().map(DeadLetter::location).filter(l -> l.startsWith("/logs/a.log:")))
                    .containsExactly(
                            "/logs/a.log:1",
                            "/logs/a.log:2",
                            "/logs/a.log:9",
                            "/logs/a.log:10",
                            "/logs/a.log:11",
                            "/logs/a.log:100",
                            "/logs/a.log:1000000000000");
            // a pass left half way must not keep the spool from closing
            assertThat(spool.asList().iterator().next()).isNotNull();
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEmptySpoolIsAnEmptyList() throws Exception {
        try (DeadLetterSpool spool = new DeadLetterSpool(scratch)) {
            assertThat(spool.asList()).isEmpty();
            assertThat(spool.asList().iterator().hasNext()).isFalse();
        }
    }
}
