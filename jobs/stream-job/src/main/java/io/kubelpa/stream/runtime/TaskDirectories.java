package io.kubelpa.stream.runtime;

import java.nio.file.Path;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;

/** Where a task may keep scratch data on local disk. */
public final class TaskDirectories {
    private TaskDirectories() {}

    /** The TaskManager's temporary directories ({@code io.tmp.dirs}) where the runtime tells them, else the JVM's. */
    public static Path scratch(RuntimeContext context) {
        if (context instanceof StreamingRuntimeContext streaming) {
            String[] directories = streaming.getTaskManagerRuntimeInfo().getTmpDirectories();
            if (directories.length > 0) {
                return Path.of(directories[0]);
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
