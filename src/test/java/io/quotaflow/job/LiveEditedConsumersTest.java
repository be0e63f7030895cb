package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** concurrentConsumers edited in fetch.yaml while the service runs: the next job's start line follows the edit. */
class LiveEditedConsumersTest extends ServiceTestSupport {

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.consumers", "16");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB")).toString());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theNextJobCountsTheEditedNumber() {
        assertThat(triggerJob().succeeded()).isEqualTo(2);
        assertThat(startLines()).hasSize(1).allMatch(l -> l.contains(", 16 consumers,"));

        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: \"{{quotaflow.consumers}}\"", "concurrentConsumers: 3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 1);

        assertThat(triggerJob().succeeded()).isEqualTo(2);
        assertThat(startLines()).hasSize(2);
        assertThat(startLines().get(1)).contains(", 3 consumers,");
        assertThat(log.text()).contains("leave in 7 waves of 3 consumers");
    }

    private List<String> startLines() {
        return log.text().lines().filter(l -> l.contains("Job started:")).toList();
    }
}
