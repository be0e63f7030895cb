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
 * A server that stalls before counting for longer than quotaflow.request-timeout (a GC pause, a gateway queue):
 * the client gives up, but the request is already in the server's hands and is counted when it resumes. A slot
 * freed a period after the give-up would let the next burst into the window of that late count; an unanswered
 * attempt's slot stays used as if counted one request-timeout after the give-up.
 */
class StallPastTimeoutTest extends QuotaflowTestSupport {

    static final int LIMIT = 5;
    static final int TICKERS = 15;

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", String.valueOf(LIMIT));
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.request-timeout", "300ms");
        s.put("quotaflow.retry.backoff", "100ms");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.simulator.server-timing", "false");
    }

    @Test
    void aTimedOutRequestTheServerCountsLaterStillHoldsItsSlot() {
        List<String> tickers = IntStream.rangeClosed(1, TICKERS).mapToObj(i -> String.format("T%03d", i)).toList();
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("late.txt", tickers).toString());
        QuoteSimulator sim = simulator();
        // the first burst is counted 500 ms after it arrived: the client gave up on it at 300 ms
        sim.faults().countLate(LIMIT, Duration.ofMillis(500));

        Summary summary = runJob();

        assertThat(sim.maxInAnyWindow(Duration.ofSeconds(1))).as("counted by the server in one 1 s window")
                .isLessThanOrEqualTo(LIMIT);
        assertThat(sim.rejectedCount()).as("429s from the server's sliding window").isZero();
        assertThat(summary.failures()).isEmpty();
        assertThat(summary.succeeded()).isEqualTo(TICKERS);
        assertThat(summary.requests()).as("the first burst was tried twice").isEqualTo(TICKERS + LIMIT);
    }
}
