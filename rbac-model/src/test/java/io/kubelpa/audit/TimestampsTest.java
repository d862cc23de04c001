package io.kubelpa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-05-01T10:00:00Z",
                "2025-05-01T10:00:00.123456Z",
                "2025-05-01T10:00:00.1Z",
                "2025-05-01T10:00:00.123456789Z",
                "2024-02-29T23:59:59.999999Z",
                "1969-12-31T23:59:59.5Z",
                "2017-03-21T03:57:09.106841886-04:00",
                "2025-05-01 10:00:00Z"
            })
    void agreesWithTheGeneralParser(String text) {
        var instant = OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        assertThat(Timestamps.parseMicros(text))
                .isEqualTo(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2025-13-01T10:00:00Z", "2025-02-30T10:00:00Z", "2025-05-01T25:00:00Z"})
    void rejectsWhatIsNotATimestamp(String text) {
        assertThat(Timestamps.parseMicros(text)).isEqualTo(-1);
    }
}
