package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.summary.TickerResult;
import io.quotaflow.support.PackagedDefaults;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed job's ETA: the lines an interrupted run left in results.csv count as done, but they took none of
 * this run's requests. Counted as lines done per request, they made a resumed run's first ETA far too short
 * (a run resumed after 35 of 300 lines read "ETA 18 s" at 5 requests/s, then rose as the job went on).
 */
class ResumedEtaTest {

    @TempDir
    Path dir;

    @Test
    void theLinesAResumedRunKeptDoNotLowerTheRequestsALineTakes() throws Exception {
        Files.writeString(dir.resolve(JobRun.RESULTS), ResumeJournalTest.okRows(80, "1.00", 1), StandardCharsets.UTF_8);
        ResumeJournal journal = ResumeJournal.load(dir, true, Long.MAX_VALUE);
        assertThat(journal.size()).isEqualTo(80);

        QuotaflowSettings settings = QuotaflowSettings.from(PackagedDefaults.load()::getProperty);
        JobRun job = new JobRun(settings, () -> List.of(10), dir, new UrlTemplate("http://127.0.0.1:1/q?s={ticker}"), journal);
        job.expected(100);

        // this run: 10 lines, one request each
        for (int line = 81; line <= 90; line++) {
            job.attempt(System.nanoTime(), 1_000_000, false);
            job.record(TickerResult.ok(line, "T" + line, BigDecimal.ONE, 200, 1, 1));
        }
        assertThat(job.stats().done()).isEqualTo(90);
        assertThat(job.stats().requests()).isEqualTo(10);

        // 10 lines left at one request a line, 10 requests a second: 1 s (it read 0.11 s: 10 requests / 90 lines)
        assertThat(job.etaSeconds(10.0, 10.0)).isEqualTo(1.0);
    }
}
