package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries count and pass through the same limiter: with 500s and a burst of 429s the server still
 * never sees more than the limit in any window, every ticker ends in one outcome, and the average
 * over the priced ones is exact.
 */
class RetriesThroughLimiterTest extends QuotaflowTestSupport {

    private final List<String> tickers = tickers(120);

    private static List<String> tickers(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add("T" + i);
        }
        return list;
    }

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.tickers", writeTickers("tickers.txt", tickers(120)).toString());
        s.put("quotaflow.rate.requests", "10");
        s.put("quotaflow.rate.period", "500ms");
        s.put("quotaflow.retry.backoff", "50ms");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedWithinTheLimit() {
        simulator().faults().error500Rate(0.10).rateLimitBurst(5);

        Summary summary = runJob();

        QuoteSimulator sim = simulator();
        assertThat(sim.maxInAnyWindow("key1", Duration.ofMillis(500))).isLessThanOrEqualTo(10);
        assertThat(sim.rejectedCount()).as("no 429 from the server's own window").isZero();
        assertThat(summary.rateLimited()).as("the five forced 429s were received").isEqualTo(5);
        assertThat(summary.requests()).isEqualTo(sim.requestCount()).isGreaterThan(120);
        assertThat(summary.total()).isEqualTo(120);
        assertThat(summary.succeeded() + summary.failed()).isEqualTo(120);
        assertThat(summary.succeeded()).isGreaterThanOrEqualTo(118);

        BigDecimal sum = BigDecimal.ZERO;
        long ok = 0;
        for (String row : resultRows()) {
            String[] f = row.split(",");
            if (f[2].equals("ok")) {
                sum = sum.add(QuoteSimulator.priceOf(f[1]));
                ok++;
                assertThat(new BigDecimal(f[3])).isEqualByComparingTo(QuoteSimulator.priceOf(f[1]));
            }
        }
        assertThat(ok).isEqualTo(summary.succeeded());
        assertThat(summary.averagePrice()).isEqualByComparingTo(sum.divide(BigDecimal.valueOf(ok), 6, RoundingMode.HALF_EVEN));
    }
}
