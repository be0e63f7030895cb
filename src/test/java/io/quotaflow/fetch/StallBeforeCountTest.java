package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A server that counts the first burst late (fresh connections waiting in its accept queue, a pause
 * before its limiter runs) and everything after it at once. Every round trip of that burst is slow, so
 * a client that guesses the counting moment from the fastest round trip it has seen places the first
 * window 300 ms too early and sends the second burst into it; stamping at the response cannot.
 * This class stamps at the response; {@link StallBeforeCountServerTimingTest} takes Server-Timing off.
 */
class StallBeforeCountTest extends QuotaflowTestSupport {

    static final int LIMIT = 5;
    static final int TICKERS = 20;

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", String.valueOf(LIMIT));
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.simulator.server-timing", "false"); // stamped at the response
    }

    @Test
    void requestsCountedLateNeverShareAWindowWithTheNextBurst() {
        List<String> tickers = IntStream.rangeClosed(1, TICKERS).mapToObj(i -> String.format("S%03d", i)).toList();
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("stall.txt", tickers).toString());
        QuoteSimulator sim = simulator();
        sim.faults().countLate(LIMIT, Duration.ofMillis(300));

        Summary summary = runJob();

        assertThat(sim.rejectedCount()).as("429s from the server's sliding window").isZero();
        assertThat(sim.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(LIMIT);
        assertThat(summary.succeeded()).isEqualTo(TICKERS);
        assertThat(summary.requests()).as("no request needed a second attempt").isEqualTo(TICKERS);
        assertThat(sim.requestCount()).isEqualTo(TICKERS);
    }
}
