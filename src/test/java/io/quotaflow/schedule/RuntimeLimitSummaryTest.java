package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.ServiceTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A limit an operator changes at runtime (setLimit, e.g. from the console) stays in force for later jobs, and
 * their summaries say so: the limit they ran with and the ideal at that limit. Before, they showed the
 * setting's limit and an ideal for it, so a job running perfectly at 2 per second read as 39% efficient.
 */
class RuntimeLimitSummaryTest extends ServiceTestSupport {

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "5");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        List<String> tickers = IntStream.rangeClosed(1, 10).mapToObj(i -> "T" + i).toList();
        s.put("quotaflow.tickers", writeTickers("tickers.txt", tickers).toString());
    }

    @Test
    void aJobAfterSetLimitReportsTheLimitItRanWithAndItsIdeal() {
        Summary before = triggerJob();
        assertThat(before.limit()).isEqualTo("5 per 1s per key");
        assertThat(before.idealSeconds()).isEqualTo(1.0); // 10 tickers, 5 a window: 2 bursts

        jobs().limiter().setLimit("key1", 2);
        Summary after = triggerJob();

        assertThat(after.succeeded()).isEqualTo(10);
        assertThat(after.limit()).isEqualTo("2 per 1s per key");
        assertThat(after.idealSeconds()).isEqualTo(4.0); // 2 a window: 5 bursts
        assertThat(after.elapsedSeconds()).isGreaterThanOrEqualTo(after.idealSeconds());
        assertThat(after.efficiency()).isGreaterThan(0.5);
    }

    @Test
    void aLimitLoweredDuringAJobNeverMakesItLookFasterThanPossible() throws Exception {
        var job = template.asyncRequestBodyAndHeader(JobsControl.TRIGGER_URI, null, JobGate.TRIGGER, "manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator().requestCount() >= 5); // the first window
        jobs().limiter().setLimit("key1", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> job.isDone() && jobs().last() != null
                && gate().busySince() == null);

        Summary during = jobs().last().summary();
        assertThat(during.succeeded()).isEqualTo(10);
        assertThat(during.limit()).isEqualTo("1 per 1s per key (changed during the job, from 5 per 1s per key)");
        // at 1 per second all through, the ideal would be 9 s, longer than the job took: efficiency above 1
        assertThat(during.efficiency()).isLessThanOrEqualTo(1.0);
    }
}
