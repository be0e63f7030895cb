package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.InFlight;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import io.quotaflow.support.StubApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.IntStream;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routes/fetch.yaml's concurrentConsumers edited to a number instead of {{quotaflow.consumers}} while the service
 * runs (README, "Editing a route"): the next job's start line and its burst-waves hint give the consumers
 * seda:fetch really runs (before, both read quotaflow.consumers: "16 consumers" and no hint while 3 threads
 * fetched). More consumers than the setting really fetch at once: the API counts 40 requests in flight with
 * quotaflow.consumers=16 (before, the HTTP connections and split threads sized from the setting at start-up
 * held it to 16 and the extra consumers only waited, which a WARN said); and once the edit is undone, the
 * connections and split threads are sized for the setting again.
 */
class LiveEditedConsumersTest extends ServiceTestSupport {

    private static final String KEY = "live-edited-consumers-test-key";
    /** Longer than the 40 requests take to leave after the edit, far shorter than quotaflow.request-timeout. */
    private static final Duration HOLD = Duration.ofSeconds(3);

    private final LogLines log = new LogLines();
    private final InFlight inFlight = new InFlight();
    private StubApi api;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            try {
                inFlight.enter(HOLD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.leave();
            StubApi.json(exchange, "{\"close\": 10.5}");
        });
        // 7 lines: more than two waves of 3 consumers, so the hint is due
        stubApi(s, api, KEY, List.of("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"));
        s.put("quotaflow.consumers", "16");
        // a window holds all of the 40 consumers' first requests, and 100 leave in 3 waves of 40: the hint is due
        s.put("quotaflow.rate.requests", "100");
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    @Test
    void theNextJobRunsTheEditedNumber() {
        assertThat(triggerJob().succeeded()).isEqualTo(7);
        assertThat(startLines()).hasSize(1).allMatch(l -> l.contains(", 16 consumers,"));

        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: \"{{quotaflow.consumers}}\"", "concurrentConsumers: 3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 1);

        assertThat(triggerJob().succeeded()).isEqualTo(7);
        assertThat(startLines()).hasSize(2);
        assertThat(startLines().get(1)).contains(", 3 consumers,");
        assertThat(log.text()).contains("A window's 100 requests (1 key(s) x 100) leave in 34 waves of 3 consumers");
        assertThat(log.count("resized")).as("fewer consumers than the setting keep the pools as they were").isZero();

        // 100 lines, each answer held until 40 requests are in flight at once (or for HOLD)
        writeTickers("tickers.txt", IntStream.rangeClosed(1, 100).mapToObj(i -> "T" + i).toList());
        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: 3", "concurrentConsumers: 40"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 2);
        inFlight.holdUntil(40);

        assertThat(triggerJob().succeeded()).isEqualTo(100);
        assertThat(startLines()).hasSize(3);
        assertThat(startLines().get(2)).contains(", 40 consumers,");
        assertThat(inFlight.max()).as("requests in flight at once at the API, quotaflow.consumers=16").isEqualTo(40);
        assertThat(log.text()).contains("A window's 100 requests (1 key(s) x 100) leave in 3 waves of 40 consumers");
        assertThat(log.text().lines().filter(l -> l.startsWith("WARN")).toList()).noneMatch(l -> l.contains("consumers"));
        assertThat(log.count("HTTP connections and split threads resized for 40 consumers")).isEqualTo(1);
        assertPoolsFor(40);

        // the edit undone: seda:fetch runs quotaflow.consumers again, and so do the pools
        writeRoute("fetch.yaml", readRoute("fetch.yaml")
                .replace("concurrentConsumers: 40", "concurrentConsumers: \"{{quotaflow.consumers}}\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == 3);
        inFlight.holdUntil(0);

        assertThat(triggerJob().succeeded()).isEqualTo(100);
        assertThat(startLines().get(3)).contains(", 16 consumers,");
        assertThat(inFlight.max()).isLessThanOrEqualTo(16);
        assertThat(log.count("HTTP connections and split threads resized for 16 consumers")).isEqualTo(1);
        assertPoolsFor(16);
    }

    /**
     * The split's threads (consumers + 2), the lines it hands over at once (those and as many again as consumers)
     * and every HTTP endpoint's connection pool (one per consumer).
     */
    private void assertPoolsFor(int consumers) {
        SplitPool splitPool = context.getRegistry().lookupByNameAndType("splitPool", SplitPool.class);
        assertThat(splitPool.places()).isEqualTo(2 * consumers + 2);
        ThreadPoolExecutor split = (ThreadPoolExecutor) splitPool.threads();
        assertThat(split.getCorePoolSize()).isEqualTo(consumers + 2);
        assertThat(split.getMaximumPoolSize()).isEqualTo(consumers + 2);
        List<PoolingHttpClientConnectionManager> pools = context.getEndpoints().stream()
                .filter(HttpEndpoint.class::isInstance).map(e -> ((HttpEndpoint) e).getClientConnectionManager())
                .filter(PoolingHttpClientConnectionManager.class::isInstance)
                .map(PoolingHttpClientConnectionManager.class::cast).toList();
        assertThat(pools).isNotEmpty().allSatisfy(pool -> {
            assertThat(pool.getMaxTotal()).isEqualTo(consumers);
            assertThat(pool.getDefaultMaxPerRoute()).isEqualTo(consumers);
        });
    }

    private List<String> startLines() {
        return log.text().lines().filter(l -> l.contains("Job started:")).toList();
    }
}
