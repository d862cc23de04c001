package io.kubelpa.samples;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's sample-audit-logs folder, found from whichever module's folder a test runs in. */
public final class SampleDirectory {
    private SampleDirectory() {}

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path samples = dir.resolve("sample-audit-logs");
            if (Files.isDirectory(samples.resolve("rbac")) && Files.isDirectory(samples.resolve("audit"))) {
                return samples;
            }
        }
        throw new IllegalStateException(
                "no sample-audit-logs folder above " + Path.of("").toAbsolutePath());
    }
}
