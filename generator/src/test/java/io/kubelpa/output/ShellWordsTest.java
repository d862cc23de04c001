package io.kubelpa.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellWordsTest {
    @TempDir
    Path dir;

    @Test
    void everyValueIsReadBackByBashAsOneWordAndNothingRuns() throws Exception {
        List<String> values = List.of(
                "plain-name.v1",
                "x; rm -rf ~",
                "it's $(touch pwned)",
                "back\\slash 'and' quotes",
                "evil\u202egnp.exe",
                "line\nbreak\ttab",
                "`whoami`");
        for (String value : values) {
            Path out = dir.resolve("out");
            Process bash = new ProcessBuilder("bash", "-c", "printf '%s' " + ShellWords.quote(value) + " > " + out)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            assertThat(bash.waitFor()).isZero();
            assertThat(Files.readString(out)).isEqualTo(value);
        }
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(ShellWords.quote("evil\u202egnp.exe")).doesNotContain("\u202e");
    }
}
