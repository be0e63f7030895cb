package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Camel's SEDA component options, as a Camel user sets them for all SEDA queues ({@code -Dcamel.component.seda.*}),
 * reach seda:fetch too. The split hands up to 2 x consumers + 2 lines to it at once (job.SplitPool), so a queue
 * smaller than that was full: before the fix, queueSize=2 failed every line past the first few "route step failed
 * before the fetch: IllegalStateException: Queue full" (57 of 59 in a 59-line run), and defaultDiscardWhenFull=true
 * dropped those lines without a word while the split waited for their outcome for ever: the job never ended.
 * job.yaml's seda:fetch step now blocks when the queue is full, whatever the component's defaults say.
 */
class SedaQueueSettingsTest extends QuotaflowTestSupport {

    private static final int LINES = 30;

    @Override
    protected void settings(Map<String, String> s) {
        List<String> tickers = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            tickers.add("T" + (char) ('A' + i / 26) + (char) ('A' + i % 26));
        }
        s.put("quotaflow.tickers", writeTickers("tickers.txt", tickers).toString());
        s.put("quotaflow.rate.requests", "100");
        s.put("quotaflow.rate.period", "1s");
        // up to 10 lines at once for 4 consumers: 6 wait in the queue
        s.put("quotaflow.consumers", "4");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("camel.component.seda.queueSize", "2");
        moreSedaSettings(s);
    }

    /** For {@link SedaDiscardWhenFullTest}. */
    void moreSedaSettings(Map<String, String> s) {
    }

    @Test
    void everyLineIsFetchedThroughASmallQueue() throws Exception {
        // bounded: a line the queue discarded kept the job waiting for ever
        Summary summary = CompletableFuture.supplyAsync(this::runJob).get(60, TimeUnit.SECONDS);
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(resultRows()).hasSize(LINES).allMatch(row -> row.contains(",ok,"), "every row ok");
        assertThat(summary.succeeded()).isEqualTo(LINES);
        assertThat(simulator().requestCount()).as("requests the API saw").isEqualTo(LINES);
    }
}
