package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import io.quotaflow.support.StubApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "add a header to every request" edit, against a small quote API on 127.0.0.1 that
 * records the header of every request it receives: absent before the edit, on every request of
 * the next job after it.
 */
class HeaderExampleTest extends ServiceTestSupport {

    private static final List<String> TICKERS = List.of("AAA", "BBB", "CCC", "DDD");

    private final LogLines log = new LogLines();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private StubApi api;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            String header = exchange.getRequestHeaders().getFirst("X-Client");
            seen.add(header == null ? "(none)" : header);
            StubApi.json(exchange, "{\"close\": 12.5}");
        });
        stubApi(s, api, "header-test-key", TICKERS);
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    @Test
    void theHeaderExampleReachesEveryRequestOfTheNextJob() {
        Summary before = triggerJob();
        assertThat(before.succeeded()).isEqualTo(4);
        assertThat(seen).containsOnly("(none)").hasSize(4);

        writeRoute("fetch.yaml", ReadmeExamples.withHeader(readRoute("fetch.yaml")));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 1);

        Summary after = triggerJob();
        assertThat(after.succeeded()).isEqualTo(4);
        assertThat(seen).hasSize(8);
        assertThat(seen.subList(4, 8)).containsOnly("quotaflow");
    }
}
