package io.kubelpa.stream;

import java.io.Serializable;
import java.time.Duration;

/** What the review operator needs to know, carried into the job: where to write, the window, the version. */
record ReviewSettings(String outputDir, Duration window, Duration minWindow, int maxNarrowNamespaces, String version)
        implements Serializable {}
