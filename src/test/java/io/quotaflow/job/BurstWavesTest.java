package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BurstWavesTest {

    @Test
    void theDefaultJobSendsItsWindowInTwoWavesAndGetsNoHint() {
        assertThat(BurstWaves.waves(1, 22, 16)).isEqualTo(2);
        assertThat(BurstWaves.hint(1, 22, 16, 500, false)).isEmpty();
    }

    @Test
    void fiveKeysAtTwentyWithSixteenConsumersNeedSevenWaves() {
        assertThat(BurstWaves.hint(5, 20, 16, 2000, false)).hasValue("A window's 100 requests (5 key(s) x 20) leave in 7 waves"
                + " of 16 consumers, one round trip apart, which adds 6 round trips to the job;"
                + " quotaflow.consumers=50 would send them in 2");
        assertThat(BurstWaves.hint(5, 20, 50, 2000, false)).isEmpty();
    }

    @Test
    void theSuggestionStaysWithinWhatTheSettingAllows() {
        assertThat(BurstWaves.hint(10, 500, 16, 100_000, false)).hasValueSatisfying(line -> assertThat(line)
                .contains("5000 requests").contains("313 waves").contains("quotaflow.consumers=500 would send them in 10"));
    }

    @Test
    void aFetchRouteWithItsOwnNumberIsToldToChangeThatNumber() {
        assertThat(BurstWaves.hint(1, 20, 3, 500, true)).hasValue("A window's 20 requests (1 key(s) x 20) leave in 7 waves"
                + " of 3 consumers, one round trip apart, which adds 6 round trips to the job; concurrentConsumers=10"
                + " on seda:fetch (fetch.yaml) would send them in 2");
    }

    @Test
    void aListThatLeavesInTwoWavesAnywayGetsNoHint() {
        // 20 tickers at 1000 a second with 16 consumers: two waves, whatever a full window would need
        assertThat(BurstWaves.hint(1, 1000, 16, 20, false)).isEmpty();
        assertThat(BurstWaves.hint(1, 1000, 16, 32, false)).isEmpty();
        assertThat(BurstWaves.hint(1, 1000, 16, 33, false)).isPresent();
    }
}
