package io.kubelpa.stream.runtime;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/** The Flink cluster's own settings, as its processes read them from {@code FLINK_CONF_DIR}. */
public final class ClusterConfiguration {
    private ClusterConfiguration() {}

    /** The cluster's settings; none outside a cluster, or where its settings cannot be read. */
    public static Configuration load() {
        if (System.getenv("FLINK_CONF_DIR") == null) {
            return new Configuration();
        }
        try {
            return GlobalConfiguration.loadConfiguration();
        } catch (RuntimeException e) {
            return new Configuration();
        }
    }
}
