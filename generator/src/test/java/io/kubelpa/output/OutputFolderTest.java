package io.kubelpa.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links planted in --out redirect neither a write nor a clean-up; nothing is written outside it. */
class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void aLinkedFolderIsReplacedAndItsTargetsFilesStayUntouched() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("precious.yaml"), "keep me");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("proposals"), elsewhere);
        OutputFolder folder = OutputFolder.at(out);
        folder.deleteFiles("proposals", name -> name.endsWith(".yaml"));
        folder.writeString("proposals/new.yaml", "ours");
        assertThat(elsewhere.resolve("precious.yaml")).hasContent("keep me");
        assertThat(elsewhere.resolve("new.yaml")).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("proposals"))).isFalse();
        assertThat(out.resolve("proposals/new.yaml")).hasContent("ours");
    }

    @Test
    void aLinkedFileIsReplacedNotWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("usage.json"), target);
        OutputFolder.at(out).writeString("usage.json", "{}");
        assertThat(target).hasContent("keep me");
        assertThat(Files.isSymbolicLink(out.resolve("usage.json"))).isFalse();
        assertThat(out.resolve("usage.json")).hasContent("{}");
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFileAndNoTrace() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        OutputFolder folder = OutputFolder.at(out);
        folder.writeString("report.html", "the complete earlier report");
        assertThatThrownBy(() -> folder.write("report.html", stream -> {
                    stream.write("half of a new one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    throw new IllegalStateException("the renderer failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(out.resolve("report.html")).hasContent("the complete earlier report");
        try (var list = Files.list(out)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
    }

    @Test
    void dotDotInTheFolderMeansWhatTheFileSystemMakesOfIt() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("elsewhere/deep"));
        Files.createSymbolicLink(dir.resolve("link"), deep);
        OutputFolder folder = OutputFolder.at(dir.resolve("link/../out"));
        assertThat(folder.root()).isEqualTo(dir.resolve("elsewhere/out").toRealPath());
    }

    @Test
    void aPathOutOfTheFolderIsRefused() throws Exception {
        OutputFolder folder = OutputFolder.at(dir.resolve("out"));
        assertThatThrownBy(() -> folder.writeString("../escaped.yaml", "x"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("refusing to write outside");
        assertThat(dir.resolve("escaped.yaml")).doesNotExist();
    }

    @Test
    void aFifoWhereAFileGoesIsReplacedWithoutBlocking() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Process mkfifo = new ProcessBuilder("mkfifo", out.resolve("report.html").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        OutputFolder.at(out).writeString("report.html", "<html>");
        assertThat(Files.isRegularFile(out.resolve("report.html"))).isTrue();
    }
}
