package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Camel's virtual threads ({@code -Dcamel.threads.virtual.enabled=true}, Java 21+) make every Camel thread pool a
 * new thread per task, whatever its size and queue. The split's pool was what held the streaming split back to a
 * few lines ahead of the consumers: with virtual threads the split read the whole list at once and seda:fetch
 * (1,000 places) refused the rest, so every line past the first thousand or so failed "Queue full" and the job
 * still said completed. Runs on Java 21 and later (CI's Java 25 pass); skipped on 17, which has no virtual threads.
 */
class VirtualThreadsTest {

    @Test
    void aListLongerThanTheQueueIsFetchedWholeOnVirtualThreads() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
        Files.createDirectories(Path.of("target", "test-work"));
        Path work = Files.createTempDirectory(Path.of("target", "test-work"), "VirtualThreadsTest-").toAbsolutePath();
        List<String> tickers = Tickers.generated(1_500);
        Path list = Files.write(work.resolve("list.txt"), tickers);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quotaflow.run-once", "true");
        s.put("quotaflow.tickers", list.toString());
        s.put("quotaflow.output-dir", work.resolve("out").toString());
        s.put("quotaflow.rate.requests", "1000");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.simulator.latency-min", "1ms");
        s.put("quotaflow.simulator.latency-max", "3ms");
        try (AppProcess app = AppProcess.start(s, work.resolve("app.log"), "256m",
                "-Dcamel.threads.virtual.enabled=true")) {
            assertThat(app.waitFor(120)).as(app.log()).isZero();
            // Camel's own line: the pools below really were virtual
            assertThat(app.log()).contains("The type of thread detected is: VIRTUAL");
        }
        List<CSVRecord> rows = Tickers.rows(work.resolve("out"));
        assertThat(rows).hasSize(tickers.size());
        assertThat(rows).filteredOn(r -> !r.get("outcome").equals("ok"))
                .extracting(r -> r.get("line") + " " + r.get("outcome") + " " + r.get("error")).isEmpty();
        JsonNode summary = new ObjectMapper().readTree(work.resolve("out").resolve("summary.json").toFile());
        assertThat(summary.get("succeeded").asLong()).isEqualTo(tickers.size());
        assertThat(summary.get("requests").asLong()).isEqualTo(tickers.size());
    }
}
