package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A latest/summary.json that does not parse (a disk filled mid-copy by hand, an edit): the service starts all
 * the same, one WARN names the file, and the last-job view stays empty as before a first job.
 */
class CorruptLatestSummaryTest extends ServiceTestSupport {

    private final LogLines log = new LogLines();
    private Path file;

    @Override
    protected boolean withJmx() {
        return true;
    }

    @Override
    protected void serviceSettings(Map<String, String> s) {
        oneQuickTicker(s);
        file = outputDir().resolve("latest").resolve("summary.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"status\": \"completed\", \"total\": 48");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theServiceStartsWithAnEmptyLastJobAndAWarningNamingTheFile() throws Exception {
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        String warning = log.text().lines().filter(l -> l.startsWith("WARN") && l.contains(file.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no WARN naming " + file + " in:\n" + log.text()));
        assertThat(warning).contains("last-job");

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName last = new ObjectName("io.quotaflow:type=job,name=last");
        assertThat(jmx.getAttribute(last, "Status")).isEqualTo("");
        assertThat(jmx.getAttribute(last, "Total")).isEqualTo(0L);
        assertThat(jmx.getAttribute(last, "ReadFrom")).isEqualTo("");
        assertThat(file).hasContent("{\"status\": \"completed\", \"total\": 48");
    }
}
