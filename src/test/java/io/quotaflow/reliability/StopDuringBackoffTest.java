package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.job.JobRun;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stop (SIGTERM) while tickers wait out a retry's backoff (after a 5xx, or a 429's Retry-After up to
 * quotaflow.retry.backoff-max): they are not sent again and get no row, and the stop does not wait for their
 * backoff to end. Before the fix the route's delay step held them for the whole backoff: with a 40 s
 * Retry-After and backoff-max=60s a SIGTERM ran into camel.main.shutdownTimeout (20 s), Camel forced the
 * routes down and no summary.json was written (found against an external simulator).
 */
class StopDuringBackoffTest extends QuotaflowTestSupport {

    private static final int TICKERS = 5;

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.retry.backoff", "30s");
        s.put("quotaflow.retry.backoff-max", "30s");
    }

    @Test
    void tickersInABackoffEndAtTheStopWithoutARow() throws Exception {
        Path list = writeTickers("tickers.txt", Tickers.generated(TICKERS));
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());
        simulator().faults().error500Rate(1.0);
        CompletableFuture<Summary> job = template.asyncRequestBody("direct:job", null, Summary.class);
        // every ticker got its 500 and now waits 30 s before its retry
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator().requestCount() >= TICKERS
                && jobs().current() != null && jobs().current().stats().requests() >= TICKERS);
        JobRun running = jobs().current();

        long stoppedAt = System.nanoTime();
        running.requestStop();
        Summary summary = job.get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("the stop did not wait out the 30 s backoff")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(summary.status()).isEqualTo("incomplete");
        assertThat(summary.succeeded() + summary.failed()).as("no row for a ticker cut short in its backoff").isZero();
        assertThat(resultRows()).isEmpty();
        assertThat(simulator().requestCount()).as("nothing sent after the stop").isEqualTo(TICKERS);
    }
}
