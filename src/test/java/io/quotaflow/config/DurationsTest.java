package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations are shown as a user writes them (a 24h limit read "86400s"), and what is shown parses back. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({"0,0ms", "250,250ms", "1500,1500ms", "5000,5s", "30000,30s", "60000,1m", "90000,90s",
        "300000,5m", "3600000,1h", "5400000,90m", "86400000,24h"})
    void showsTheLargestUnitThatDividesIt(long millis, String shown) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(shown);
        assertThat(Durations.parse("quotaflow.rate.period", shown)).isEqualTo(Duration.ofMillis(millis));
    }
}
