package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class KafkaPropertiesTest {
    @Test
    void passesOnlyPrefixedKeysWithThePrefixRemoved() {
        Configuration config = new Configuration();
        config.setString(KafkaProperties.key("security.protocol"), "SASL_SSL");
        config.setString("lpa.bootstrap-servers", "kafka:9092");

        assertThat(KafkaProperties.of(config))
                .containsOnlyKeys("security.protocol")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void credentialsAreSecretWhateverTheirCase() {
        assertThat(KafkaProperties.isSecret("sasl.jaas.config")).isTrue();
        assertThat(KafkaProperties.isSecret("ssl.keystore.PASSWORD")).isTrue();
        assertThat(KafkaProperties.isSecret("sasl.mechanism")).isFalse();
    }
}
