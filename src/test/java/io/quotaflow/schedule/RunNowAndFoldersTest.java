package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.ServiceTestSupport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A job by hand through JMX (io.quotaflow:type=jobs runNow, what Hawtio's JMX tab calls): the same
 * no-overlap rule as the schedule, one folder per job under runs/, latest/ refreshed, and a
 * running job's folder marked INCOMPLETE until its summary is in place.
 */
class RunNowAndFoldersTest extends ServiceTestSupport {

    private static final int TICKERS = 30;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        // 30 tickers at 10 per second: about 2 s, long enough to call runNow twice inside one job
        s.put("quotaflow.rate.requests", "10");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt",
                IntStream.range(0, TICKERS).mapToObj(i -> "R" + i).toList()).toString());
    }

    @Test
    void runNowStartsOneJobAtATimeAndEachJobHasItsFolder() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName jobsBean = new ObjectName("io.quotaflow:type=jobs");
        assertThat(jmx.isRegistered(jobsBean)).isTrue();
        assertThat(jmx.getAttribute(jobsBean, "Schedule")).isEqualTo("0 0 0 1 1 ? 2099");

        assertThat(jmx.invoke(jobsBean, "runNow", null, null)).isEqualTo("started");
        // in the log line's words, the time in milliseconds (it showed nanoseconds)
        assertThat((String) jmx.invoke(jobsBean, "runNow", null, null))
                .matches("skipped: previous run still in progress since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
        assertThat((String) jmx.getAttribute(jobsBean, "RunningSince")).matches(".*:\\d\\d(\\.\\d{3})?Z");
        assertThat(jmx.getAttribute(jobsBean, "SkippedTriggers")).isEqualTo(1L);

        // while the job runs its folder says so, and has no summary yet
        await().atMost(Duration.ofSeconds(10)).until(() -> runFolders().size() == 1);
        Path first = runFolders().get(0);
        assertThat(jmx.getAttribute(jobsBean, "Running")).isEqualTo(true);
        assertThat(first.resolve("INCOMPLETE")).exists();
        assertThat(first.resolve("summary.json")).doesNotExist();

        await().atMost(Duration.ofSeconds(30)).until(() -> !(Boolean) jmx.getAttribute(jobsBean, "Running"));
        assertThat(first.resolve("INCOMPLETE")).doesNotExist();
        assertThat(first.resolve("summary.json")).exists();
        assertThat(Files.readAllLines(first.resolve("results.csv"))).hasSize(TICKERS + 1);
        Path latest = outputDir().resolve("latest");
        assertThat(latest.resolve("summary.json")).hasSameTextualContentAs(first.resolve("summary.json"));
        assertThat(latest.resolve("results.csv")).hasSameTextualContentAs(first.resolve("results.csv"));

        assertThat(jmx.invoke(jobsBean, "runNow", null, null)).isEqualTo("started");
        await().atMost(Duration.ofSeconds(30)).until(() -> runFolders().size() == 2
                && !(Boolean) jmx.getAttribute(jobsBean, "Running"));
        Path second = runFolders().get(1);
        assertThat(second.getParent()).isEqualTo(outputDir().resolve("runs"));
        assertThat(latest.resolve("summary.json")).hasSameTextualContentAs(second.resolve("summary.json"));
        assertThat(Files.readString(first.resolve("summary.json")))
                .isNotEqualTo(Files.readString(second.resolve("summary.json")));
        assertThat(outputDir().resolve("summary.json")).as("service mode writes only into runs/ and latest/")
                .doesNotExist();
        assertThat(simulator().arrivals().stream().filter(a -> a.status() == 200).count())
                .as("every ticker answered once per job").isEqualTo(2L * TICKERS);
        assertThat(jmx.getAttribute(jobsBean, "StartedJobs")).isEqualTo(2L);
    }
}
