package io.quotaflow.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures of summary.json: counts that add up, an exact average, and round trips only when there were any. */
class SummaryStatsTest {

    private static TickerResult ok(long line, String price) {
        return TickerResult.ok(line, "T" + line, new BigDecimal(price), 200, 1, 5);
    }

    private static TickerResult failed(long line, String reason) {
        return TickerResult.failed(line, "T" + line, 500, 4, 5L, reason, "HTTP 500 after 4 attempts");
    }

    private static TickerResult other(long line, TickerResult.Outcome outcome) {
        return new TickerResult(line, "T" + line, outcome, null, null, 0, null, outcome.label(), outcome.label());
    }

    private static Summary summary(SummaryStats stats) {
        return stats.toSummary("completed", 2.0, 1.0, 1, "22 per 5s per key", "a", "b");
    }

    @Test
    void everyOutcomeIsCountedOnceWhereItBelongs() {
        SummaryStats stats = new SummaryStats();
        stats.add(ok(1, "10.5"));
        stats.add(ok(2, "2.25"));
        stats.add(ok(3, "30"));
        stats.add(failed(4, "server error"));
        stats.add(failed(5, "server error"));
        stats.add(failed(6, "timeout"));
        stats.add(other(7, TickerResult.Outcome.INVALID));
        stats.add(other(8, TickerResult.Outcome.DUPLICATE));
        stats.add(other(9, TickerResult.Outcome.DUPLICATE));

        assertThat(stats.valid()).isEqualTo(6);
        assertThat(stats.succeeded()).isEqualTo(3);
        assertThat(stats.done()).as("every line").isEqualTo(9);
        Summary s = summary(stats);
        assertThat(s.total()).isEqualTo(6);
        assertThat(s.succeeded()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.invalid()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(2);
        assertThat(s.failures()).containsExactly(Map.entry("server error", 2L), Map.entry("timeout", 1L));
        assertThat(s.averagePrice()).isEqualByComparingTo("14.25");
        assertThat(s.averagePrice().scale()).isEqualTo(6);
        assertThat(s.minPrice()).isEqualByComparingTo("2.25");
        assertThat(s.maxPrice()).isEqualByComparingTo("30");
    }

    @Test
    void minAndMaxDoNotDependOnTheOrderPricesArrive() {
        for (String[] order : new String[][] {{"1", "2", "3"}, {"3", "2", "1"}, {"2", "3", "1"}, {"2", "1", "3"}}) {
            SummaryStats stats = new SummaryStats();
            for (int i = 0; i < order.length; i++) {
                stats.add(ok(i + 1, order[i]));
            }
            Summary s = summary(stats);
            assertThat(s.minPrice()).as(String.join(",", order)).isEqualByComparingTo("1");
            assertThat(s.maxPrice()).as(String.join(",", order)).isEqualByComparingTo("3");
            assertThat(s.averagePrice()).isEqualByComparingTo("2");
        }
    }

    @Test
    void equalPricesKeepTheFirstAsMinAndMax() {
        // 1.0 and 1.00 compare equal; the summary shows the one that came first
        SummaryStats stats = new SummaryStats();
        stats.add(ok(1, "1.0"));
        stats.add(ok(2, "1.00"));
        assertThat(summary(stats).minPrice().toPlainString()).isEqualTo("1.0");
        assertThat(summary(stats).maxPrice().toPlainString()).isEqualTo("1.0");
    }

    @Test
    void noPriceNoAverage() {
        SummaryStats stats = new SummaryStats();
        stats.add(failed(1, "timeout"));
        assertThat(stats.average()).isNull();
        assertThat(summary(stats).averagePrice()).isNull();
        assertThat(summary(stats).minPrice()).isNull();
    }

    @Test
    void attemptsRateLimitsAndRoundTripsInMilliseconds() {
        SummaryStats stats = new SummaryStats();
        for (int i = 1; i <= 100; i++) {
            stats.attempt(i * 1000L, i % 10 == 0); // 1 ms .. 100 ms
        }
        stats.attempt(-1, false); // no answer: counted, no round trip
        assertThat(stats.requests()).isEqualTo(101);
        assertThat(stats.rateLimited()).isEqualTo(10);
        Summary s = summary(stats);
        assertThat(s.requests()).isEqualTo(101);
        assertThat(s.rateLimited()).isEqualTo(10);
        assertThat(s.latencyMs()).isEqualTo(new Summary.Latency(50, 95, 99, 100));
    }

    @Test
    void anAnswerFasterThanAMicrosecondIsStillAnAnswer() {
        SummaryStats stats = new SummaryStats();
        stats.attempt(0, false);
        assertThat(summary(stats).latencyMs()).isEqualTo(new Summary.Latency(0, 0, 0, 0));
    }

    @Test
    void noAnswerNoRoundTrip() {
        SummaryStats stats = new SummaryStats();
        stats.attempt(-1, false);
        assertThat(summary(stats).latencyMs()).as("0 ms would read as a fast API").isNull();
    }

    @Test
    void efficiencyIsIdealOverElapsedToFourDigitsAndTimesToMilliseconds() {
        Summary s = new SummaryStats().toSummary("completed", 3.00049, 2.0, 2, "l", "a", "b");
        assertThat(s.efficiency()).isEqualTo(0.6666);
        assertThat(s.elapsedSeconds()).isEqualTo(3.0);
        assertThat(s.idealSeconds()).isEqualTo(2.0);
        assertThat(new SummaryStats().toSummary("completed", 1.2346, 0.5, 1, "l", "a", "b").elapsedSeconds())
                .isEqualTo(1.235);
        assertThat(s.status()).isEqualTo("completed");
        assertThat(s.keys()).isEqualTo(2);
    }

    @Test
    void noEfficiencyWithoutBothTimes() {
        assertThat(new SummaryStats().toSummary("completed", 0, 2.0, 1, "l", "a", "b").efficiency()).isNull();
        assertThat(new SummaryStats().toSummary("completed", 2.0, 0, 1, "l", "a", "b").efficiency()).isNull();
    }
}
