package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routes/fetch.yaml with concurrentConsumers set to a number instead of {{quotaflow.consumers}} (README, "Editing a
 * route"): the job's start line and its burst-waves hint give the consumers seda:fetch really runs, not the
 * setting. Before, both read quotaflow.consumers: "16 consumers" and no hint, while 3 threads fetched.
 */
class EditedConsumersTest extends ServiceTestSupport {

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.consumers", "16");
        // one key at 20 a second: 2 waves of 16, but 7 of 3
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB", "CCC")).toString());
        String fetch = readRoute("fetch.yaml");
        assertThat(fetch).contains("concurrentConsumers: \"{{quotaflow.consumers}}\"");
        writeRoute("fetch.yaml", fetch.replace("concurrentConsumers: \"{{quotaflow.consumers}}\"", "concurrentConsumers: 3"));
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theStartLineAndTheHintCountTheConsumersTheFetchRouteRuns() {
        assertThat(triggerJob().succeeded()).isEqualTo(3);
        String start = log.text().lines().filter(l -> l.contains("Job started:")).findFirst().orElseThrow();
        assertThat(start).contains(", 3 consumers,").doesNotContain("16 consumers");
        assertThat(log.text()).contains("A window's 20 requests (1 key(s) x 20) leave in 7 waves of 3 consumers");
    }
}
