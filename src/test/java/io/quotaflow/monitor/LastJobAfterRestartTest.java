package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.summary.SummaryFiles;
import io.quotaflow.support.ServiceTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A service started on an output folder whose latest/summary.json a previous process left: the last-job MBean
 * shows that job's figures from the start (before, it was empty until this process finished a job), says which
 * file they were read from, and the file is left as it was.
 */
class LastJobAfterRestartTest extends ServiceTestSupport {

    /** Figures no job of this test could produce, so the MBean can only have them from the file. */
    static final Summary PREVIOUS = new Summary("completed", 480, 471, 9, 3, 2, new BigDecimal("123.4567"),
            new BigDecimal("1.25"), new BigDecimal("999.5"), Map.of("unknown symbol", 9L), 502, 4, 61.25, 59.5,
            0.9714, new Summary.Latency(40, 80, 120, 300), 2, "2 x 10/1s", "2026-12-01T06:00:00.012Z",
            "2026-12-01T06:01:01.262Z");

    private Path file;
    private byte[] written;

    @Override
    protected boolean withJmx() {
        return true;
    }

    @Override
    protected void serviceSettings(Map<String, String> s) {
        oneQuickTicker(s);
        // what the previous process left: written before this service starts
        Path latest = outputDir().resolve("latest");
        try {
            Files.createDirectories(latest);
            SummaryFiles.write(latest, PREVIOUS);
            file = latest.resolve(SummaryFiles.SUMMARY);
            written = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theLastJobMBeanShowsThePreviousProcesssLatestSummary() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName last = new ObjectName("io.quotaflow:type=job,name=last");
        assertThat(jmx.getAttribute(last, "Status")).isEqualTo("completed");
        assertThat(jmx.getAttribute(last, "Total")).isEqualTo(480L);
        assertThat(jmx.getAttribute(last, "Succeeded")).isEqualTo(471L);
        assertThat(jmx.getAttribute(last, "Failed")).isEqualTo(9L);
        assertThat(jmx.getAttribute(last, "Invalid")).isEqualTo(3L);
        assertThat(jmx.getAttribute(last, "AveragePrice")).isEqualTo("123.4567");
        assertThat(jmx.getAttribute(last, "Requests")).isEqualTo(502L);
        assertThat(jmx.getAttribute(last, "RateLimited")).isEqualTo(4L);
        assertThat(jmx.getAttribute(last, "ElapsedSeconds")).isEqualTo(61.25);
        assertThat(jmx.getAttribute(last, "IdealSeconds")).isEqualTo(59.5);
        assertThat(jmx.getAttribute(last, "Efficiency")).isEqualTo(0.9714);
        assertThat(jmx.getAttribute(last, "FinishedAt")).isEqualTo("2026-12-01T06:01:01.262Z");
        assertThat(jmx.getAttribute(last, "ReadFrom")).as("marked as a previous process's job")
                .isEqualTo(file.toString());
        assertThat(Files.readAllBytes(file)).as("read, not touched").isEqualTo(written);

        // a job of this process replaces it, and is no longer marked as read from a file
        Summary own = triggerJob();
        assertThat(own.total()).isEqualTo(1);
        assertThat(jmx.getAttribute(last, "Total")).isEqualTo(1L);
        assertThat(jmx.getAttribute(last, "Requests")).isEqualTo(own.requests());
        assertThat(jmx.getAttribute(last, "ReadFrom")).isEqualTo("");
        assertThat(List.of(jmx.getAttribute(last, "FinishedAt"))).containsExactly(own.finishedAt());
    }
}
