package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A rate limit signalled in a 200 body (Alpha Vantage's {@code {"Note": ...}}): with
 * {@code quotaflow.api.rate-limited-when=/Note} it counts as rate limited and is retried, never
 * reported as a bad price.
 */
class BodyRateLimitTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.retry.backoff", "100ms");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.api.rate-limited-when", "/Note, /code=429");
    }

    @Test
    void aNoteInTheBodyIsARateLimitThatIsRetried() {
        List<String> tickers = Tickers.generated(60);
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("body.txt", tickers).toString());
        QuoteSimulator sim = simulator();
        sim.faults().bodyRateLimitRate(0.2);

        Summary summary = runJob();

        long notes = sim.arrivals().stream().filter(a -> a.status() == 200).count() - summary.succeeded();
        long tooMany = sim.arrivals().stream().filter(a -> a.status() == 429).count();
        assertThat(notes).as("some answers were a Note").isGreaterThan(0);
        assertThat(summary.rateLimited()).as("each Note counted as rate limited").isEqualTo(notes + tooMany);
        assertThat(summary.succeeded()).as("every ticker priced in the end").isEqualTo(60);
        assertThat(summary.failures()).doesNotContainKey("bad response");
        assertThat(summary.requests()).isEqualTo(sim.requestCount());
        assertThat(sim.rejectedCount()).isZero();
        assertThat(sim.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(20);
        List<CSVRecord> rows = Tickers.rows(outputDir());
        assertThat(rows).hasSize(60).allMatch(r -> r.get("outcome").equals("ok"));
        assertThat(rows.stream().mapToInt(r -> Integer.parseInt(r.get("attempts"))).max().orElse(0))
                .as("a ticker that got a Note was asked again").isGreaterThan(1);
    }

    @Test
    void withoutTheRuleTheSameBodyIsABadResponse() {
        context.getPropertiesComponent().addOverrideProperty("quotaflow.api.rate-limited-when", "");
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("body.txt", Tickers.generated(40)).toString());
        simulator().faults().bodyRateLimitRate(0.3);

        Summary summary = runJob();

        assertThat(summary.rateLimited()).isZero();
        assertThat(summary.failures()).containsKey("bad response");
    }
}
