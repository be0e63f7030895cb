package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cron that fires every second while a job lasts about three: every trigger that lands on a
 * running job is skipped, logged and counted; jobs never overlap, and missed slots are not run back
 * to back. Each job has its own folder, and latest/ holds the newest completed one.
 */
class ScheduledRunsTest extends ServiceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKERS = 40;

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.schedule", "0/1 * * * * ?");
        s.put("quotaflow.run-on-start", "true");
        // 40 tickers at 15 per second: three bursts, about 2 s plus latency per job
        s.put("quotaflow.rate.requests", "15");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt",
                IntStream.range(0, TICKERS).mapToObj(i -> "T" + i).toList()).toString());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void aCronFasterThanTheJobSkipsTriggersAndNeverOverlaps() throws Exception {
        await().atMost(Duration.ofSeconds(40)).until(() -> completedRuns().size() >= 2 && gate().skipped() >= 2);

        assertThat(log.count("skipped: previous run still in progress since")).as(log.text())
                .isEqualTo(gate().skipped());
        assertThat(log.text()).doesNotContain("already running").doesNotContain("Job failed");

        List<JsonNode> summaries = new ArrayList<>();
        for (Path run : completedRuns()) {
            JsonNode s = JSON.readTree(run.resolve("summary.json").toFile());
            summaries.add(s);
            assertThat(s.get("status").asText()).isEqualTo("completed");
            assertThat(s.get("total").asLong()).isEqualTo(TICKERS);
            assertThat(Files.readAllLines(run.resolve("results.csv"))).hasSize(TICKERS + 1);
        }
        for (int i = 1; i < summaries.size(); i++) {
            Instant previousEnd = Instant.parse(summaries.get(i - 1).get("finishedAt").asText());
            Instant start = Instant.parse(summaries.get(i).get("startedAt").asText());
            assertThat(start).as("job %d starts after job %d ended", i + 1, i).isAfterOrEqualTo(previousEnd);
        }
        // not queued: a skipped trigger is dropped, so every scheduled job starts on a cron tick (a
        // whole second), never at the moment the previous job happened to end
        for (JsonNode s : summaries.subList(1, summaries.size())) {
            Instant start = Instant.parse(s.get("startedAt").asText());
            assertThat(start.toEpochMilli() % 1000).as("ms after the tick, job started %s", start).isLessThan(400);
        }
    }

    /** Folders whose job completed: summary.json present and no INCOMPLETE marker. */
    private List<Path> completedRuns() {
        return runFolders().stream()
                .filter(p -> Files.exists(p.resolve("summary.json")) && !Files.exists(p.resolve("INCOMPLETE")))
                .toList();
    }
}
