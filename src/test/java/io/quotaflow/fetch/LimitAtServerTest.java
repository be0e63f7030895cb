package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.Arrival;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The promise, measured where the server counts: never more than the limit in any window. */
class LimitAtServerTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.api.keys", "alpha-key,beta-key");
        s.put("quotaflow.rate.requests", "10");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "16");
    }

    @Test
    void everyWindowAtTheServerHoldsAtMostTheLimit() {
        Summary summary = runJob();

        var sim = simulator();
        List<Arrival> arrivals = sim.arrivals();
        long t0 = arrivals.get(0).nanos();
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            long[] d = Outcomes.DEBUG.getOrDefault(a.symbol() + "#1", new long[] {0, 0});
            System.out.printf("%s %8.3f %s %d  sent %8.3f resp %8.3f%n", a.keyLabel(), (a.nanos() - t0) / 1e6, a.symbol(), a.status(),
                    (d[0] - t0) / 1e6, (d[1] - t0) / 1e6);
        }
        assertThat(sim.rejectedCount()).as("429s from the server's window").isZero();
        assertThat(sim.maxInAnyWindow("key1", Duration.ofSeconds(1))).isLessThanOrEqualTo(10);
        assertThat(sim.maxInAnyWindow("key2", Duration.ofSeconds(1))).isLessThanOrEqualTo(10);
        assertThat(summary.total()).isEqualTo(500);
        assertThat(summary.succeeded() + summary.failed()).isEqualTo(500);
        assertThat(summary.requests()).isEqualTo(sim.requestCount());
    }
}
