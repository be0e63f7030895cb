package io.quotaflow.reliability;

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
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * All API faults at once, over real HTTP: 5% 500, 2% malformed JSON, 1% hangs past the request timeout,
 * 1% connection resets and a burst of 429 + Retry-After. Unknown symbols are switched off
 * ({@code quotaflow.simulator.unknown-rate=0}), so every listed ticker is one the API can price.
 */
class FaultMixTest extends QuotaflowTestSupport {

    static final int TICKERS = 200;

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.request-timeout", "1s");
        s.put("quotaflow.retries", "3");
        s.put("quotaflow.retry.backoff", "100ms");
        s.put("quotaflow.retry.backoff-max", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void everyTickerEndsInOneOutcomeWithinTheLimitAndTheAverageIsExact() throws Exception {
        List<String> tickers = Tickers.generated(TICKERS);
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("faults.txt", tickers).toString());
        QuoteSimulator sim = simulator();
        sim.faults().error500Rate(0.05).malformedRate(0.02).hangRate(0.01).hangTime(Duration.ofSeconds(30))
                .resetRate(0.01).rateLimitBurst(15);

        long start = System.nanoTime();
        Summary summary = runJob();
        double seconds = (System.nanoTime() - start) / 1e9;

        // the limit held at the server: no window 429s, never more than 20 in any 1 s window
        assertThat(sim.rejectedCount()).as("429s caused by the client going too fast").isZero();
        assertThat(sim.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(20);
        assertThat(sim.burstRejectedCount()).as("the provider's own 429 burst happened").isEqualTo(15);

        // exactly one outcome per ticker
        List<CSVRecord> rows = Tickers.rows(outputDir());
        assertThat(rows).hasSize(TICKERS);
        assertThat(rows.stream().map(r -> r.get("ticker")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(tickers);
        assertThat(summary.total()).isEqualTo(TICKERS);
        assertThat(summary.succeeded() + summary.failed()).isEqualTo(TICKERS);
        assertThat(summary.succeeded()).as("priced with 3 retries").isGreaterThanOrEqualTo((long) Math.ceil(TICKERS * 0.97));

        // exact average over the rows that are ok, from the simulator's own price function
        List<String> ok = rows.stream().filter(r -> r.get("outcome").equals("ok")).map(r -> r.get("ticker")).toList();
        assertThat(ok).hasSize((int) summary.succeeded());
        BigDecimal sum = ok.stream().map(QuoteSimulator::priceOf).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(summary.averagePrice())
                .isEqualByComparingTo(sum.divide(BigDecimal.valueOf(ok.size()), 6, RoundingMode.HALF_EVEN));
        for (CSVRecord r : rows) {
            if (r.get("outcome").equals("ok")) {
                assertThat(new BigDecimal(r.get("price"))).isEqualByComparingTo(QuoteSimulator.priceOf(r.get("ticker")));
            }
        }

        // every attempt the server saw is counted, 429s included
        assertThat(summary.requests()).isEqualTo(sim.requestCount());
        assertThat(summary.rateLimited()).isGreaterThanOrEqualTo(15);
        assertThat(sim.statusCounts()).containsKeys(500, 429);

        // bounded time: 10 s of pure quota, plus at most one 1 s timeout per attempt of the hung calls
        // and the Retry-After waits; a hang is cut at 1 s, never waited out (30 s)
        assertThat(seconds).isLessThan(30);
        List<String> failures = new ArrayList<>(summary.failures().keySet());
        assertThat(failures).doesNotContain("internal error", "unknown symbol");
    }
}
