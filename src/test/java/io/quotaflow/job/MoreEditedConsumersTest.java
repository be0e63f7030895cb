package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * fetch.yaml giving seda:fetch more consumers (40) than quotaflow.consumers (4), which sized the HTTP connections
 * and split threads: the start line says 40, a WARN says only 4 requests are in flight at once, and the waves
 * hint counts those 4.
 */
class MoreEditedConsumersTest extends ServiceTestSupport {

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.consumers", "4");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB")).toString());
        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: \"{{quotaflow.consumers}}\"", "concurrentConsumers: 40"));
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theStartLineSaysFortyAndAWarningSaysTheSettingHoldsThemToFour() {
        assertThat(triggerJob().succeeded()).isEqualTo(2);
        assertThat(log.text().lines().filter(l -> l.contains("Job started:")).findFirst().orElseThrow())
                .contains(", 40 consumers,");
        assertThat(log.text().lines().filter(l -> l.startsWith("WARN")).toList()).anySatisfy(l -> assertThat(l)
                .contains("seda:fetch runs 40 consumers").contains("quotaflow.consumers=4")
                .contains("at most 4 requests are in flight at once"));
        assertThat(log.text()).contains("leave in 5 waves of 4 consumers");
    }
}
