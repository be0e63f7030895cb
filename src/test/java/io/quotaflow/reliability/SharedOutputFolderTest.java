package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two scripted runs on one output folder, the second started while the first runs (a cron run that overlaps
 * the one before): the second is refused naming the folder, and the first writes its results alone. Without
 * the folder lock the second took the first one's live folder for an interrupted run and resumed it: rows
 * for the same line twice, with different outcomes, and hundreds of 429s from two limiters on one key.
 */
class SharedOutputFolderTest {

    static final String KEY = "shared-folder-key";
    static final int TICKERS = 20;

    RunOnceFixture fixture;
    Path out;

    @BeforeEach
    void start() throws Exception {
        fixture = new RunOnceFixture("SharedOutputFolderTest", KEY, 5, Tickers.generated(TICKERS));
        out = fixture.out;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSecondRunOnAFolderInUseIsRefusedAndTheFirstWritesAlone() throws Exception {
        Map<String, String> settings = fixture.settings();
        // the first job's calls hang while the second starts (so it cannot end first), then time out and are retried
        settings.put("quotaflow.request-timeout", "1s");
        settings.put("quotaflow.retries", "20");
        settings.put("quotaflow.retry.backoff", "100ms");
        try (AppProcess first = AppProcess.start(settings, fixture.work.resolve("run1.log"))) {
            // the first job is under way: it has written rows
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                    Files.exists(out.resolve("results.csv")) && Files.readAllLines(out.resolve("results.csv")).size() > 1);
            fixture.sim.faults().hangRate(1.0).hangTime(Duration.ofSeconds(30));
            try (AppProcess second = AppProcess.start(settings, fixture.work.resolve("run2.log"))) {
                assertThat(second.waitFor(30)).as(second.log()).isEqualTo(2);
                assertThat(second.log()).contains("quotaflow.output-dir").contains("is in use by another quotaflow job")
                        .doesNotContain("Resuming");
            }
            assertThat(first.process().isAlive()).as("the first job was still running").isTrue();
            fixture.sim.faults().hangRate(0);
            assertThat(first.waitFor(60)).as(first.log()).isZero();
        }
        List<CSVRecord> rows = Tickers.rows(out);
        assertThat(rows).hasSize(TICKERS);
        assertThat(rows.stream().map(r -> r.get("line")).distinct()).hasSize(TICKERS);
        assertThat(rows).allMatch(r -> r.get("outcome").equals("ok"));
        assertThat(fixture.sim.rejectedCount()).as("429s").isZero();
    }
}
