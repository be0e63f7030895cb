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

/**
 * routes/fetch.yaml's concurrentConsumers edited to a number instead of {{quotaflow.consumers}} while the service
 * runs (README, "Editing a route"): the next job's start line and its burst-waves hint give the consumers
 * seda:fetch really runs (before, both read quotaflow.consumers: "16 consumers" and no hint while 3 threads
 * fetched); and more consumers than the setting get a WARN, since the HTTP connections and split threads sized
 * from the setting at start-up hold the requests in flight to it.
 */
class LiveEditedConsumersTest extends ServiceTestSupport {

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.consumers", "16");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        // 7 lines: more than two waves of 3 consumers, so the hint is due
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG")).toString());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theNextJobCountsTheEditedNumber() {
        assertThat(triggerJob().succeeded()).isEqualTo(7);
        assertThat(startLines()).hasSize(1).allMatch(l -> l.contains(", 16 consumers,"));

        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: \"{{quotaflow.consumers}}\"", "concurrentConsumers: 3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 1);

        assertThat(triggerJob().succeeded()).isEqualTo(7);
        assertThat(startLines()).hasSize(2);
        assertThat(startLines().get(1)).contains(", 3 consumers,");
        assertThat(log.text()).contains("A window's 20 requests (1 key(s) x 20) leave in 7 waves of 3 consumers");

        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: 3", "concurrentConsumers: 40"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 2);

        assertThat(triggerJob().succeeded()).isEqualTo(7);
        assertThat(startLines()).hasSize(3);
        assertThat(startLines().get(2)).contains(", 40 consumers,");
        assertThat(log.text().lines().filter(l -> l.startsWith("WARN")).toList()).anySatisfy(l -> assertThat(l)
                .contains("seda:fetch runs 40 consumers").contains("quotaflow.consumers=16")
                .contains("at most 16 requests are in flight at once"));
    }

    private List<String> startLines() {
        return log.text().lines().filter(l -> l.contains("Job started:")).toList();
    }
}
