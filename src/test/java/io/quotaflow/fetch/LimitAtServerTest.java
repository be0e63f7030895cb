package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The promise, measured where the server counts (slots less the simulator's Server-Timing, the default
 * with the embedded simulator): two keys, each never more than its limit in any
 * sliding window at the simulator, every ticker accounted for, every attempt seen by the server.
 */
class LimitAtServerTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.api.keys", "alpha-key,beta-key");
        s.put("quotaflow.rate.requests", "10");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "16");
    }

    @Test
    void everyWindowAtTheServerHoldsAtMostTheLimitForEachKey() {
        Summary summary = runJob();

        QuoteSimulator sim = simulator();
        assertThat(sim.rejectedCount()).as("429s from the server's sliding window").isZero();
        assertThat(sim.maxInAnyWindow("key1", Duration.ofSeconds(1))).isLessThanOrEqualTo(10);
        assertThat(sim.maxInAnyWindow("key2", Duration.ofSeconds(1))).isLessThanOrEqualTo(10);
        // both keys were kept busy: the list is shared evenly, give or take a burst
        assertThat(sim.perKeyCount().get("key1")).isBetween(230, 270);
        assertThat(sim.perKeyCount().get("key2")).isBetween(230, 270);

        assertThat(summary.total()).isEqualTo(500);
        assertThat(summary.succeeded() + summary.failed()).isEqualTo(500);
        assertThat(summary.requests()).as("attempts counted = requests the server saw").isEqualTo(sim.requestCount());
        assertThat(summary.rateLimited()).isZero();
        assertThat(resultRows()).as("one row per ticker line; the comment line has none").hasSize(500);
    }
}
