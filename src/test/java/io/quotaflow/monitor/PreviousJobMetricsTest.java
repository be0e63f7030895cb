package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.job.Jobs;
import io.quotaflow.summary.SummaryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics after a restart: the last-job gauges give the latest/summary.json an earlier process left (the same
 * figures as the MBean), and nothing of that job reaches the gauges of this process's own counts.
 */
class PreviousJobMetricsTest {

    @TempDir
    Path out;

    @Test
    void lastJobGaugesReadThePreviousSummaryAndTheRunningJobsStayAtZero() throws Exception {
        Files.createDirectories(out.resolve("latest"));
        SummaryFiles.write(out.resolve("latest"), LastJobAfterRestartTest.PREVIOUS);
        PreviousJob previous = PreviousJob.read(out).orElseThrow();
        assertThat(previous.file()).isEqualTo(out.resolve("latest").resolve("summary.json"));
        assertThat(previous.summary()).isEqualTo(LastJobAfterRestartTest.PREVIOUS);

        JobFigures figures = new JobFigures(new Jobs(() -> null, null, null, () -> null, 16), previous);
        String scrape = new QuotaflowMetrics(new CurrentJobView(figures), figures).scrape();
        assertThat(scrape).contains("quotaflow_last_job_succeeded 471.0", "quotaflow_last_job_requests 502.0",
                "quotaflow_last_job_rate_limited 4.0", "quotaflow_last_job_efficiency 0.9714",
                "quotaflow_last_job_average_price 123.4567",
                // finishedAt 2026-12-01T06:01:01.262Z
                "quotaflow_last_job_finished_timestamp_seconds 1.796104861262E9");
        assertThat(scrape).contains("quotaflow_job_requests 0.0", "quotaflow_job_rate_limited 0.0",
                "quotaflow_job_succeeded 0.0");
    }

    @Test
    void noFileIsNoPreviousJob() {
        assertThat(PreviousJob.read(out)).isEmpty();
    }

    @Test
    void aJsonThatIsNoSummaryIsNoPreviousJob() throws Exception {
        Files.createDirectories(out.resolve("latest"));
        Files.writeString(out.resolve("latest").resolve("summary.json"), "{\"total\": 3}");
        assertThat(PreviousJob.read(out)).isEmpty();
        Files.writeString(out.resolve("latest").resolve("summary.json"), "");
        assertThat(PreviousJob.read(out)).isEmpty();
    }
}
