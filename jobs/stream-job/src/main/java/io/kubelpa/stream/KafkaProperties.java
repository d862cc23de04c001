package io.kubelpa.stream;

import java.util.Locale;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;

/**
 * Client properties passed through to every Kafka consumer and producer of the job, set as
 * {@code lpa.kafka.properties.<name>} (SASL, SSL: an Event Hubs Kafka endpoint needs
 * {@code security.protocol=SASL_SSL}, {@code sasl.mechanism=PLAIN} and a JAAS config).
 */
public final class KafkaProperties {
    static final String PREFIX = "lpa.kafka.properties.";

    private KafkaProperties() {}

    /** The configuration key of the Kafka client property {@code name}. */
    public static String key(String name) {
        return PREFIX + name;
    }

    /** Whether a property's value is a credential, not to be printed. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("jaas") || lower.contains("password");
    }

    public static Properties of(Configuration config) {
        Properties properties = new Properties();
        config.toMap().forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                properties.setProperty(key.substring(PREFIX.length()), value);
            }
        });
        return properties;
    }
}
