package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Resuming a big interrupted run in the heap a fresh run of that list needs: the resumed run keeps an index of
 * the rows already written (8 bytes a line), not the rows. Holding them (about 230 bytes a row, plus maps over
 * every line to check the list) made this 250,000-row resume run out of memory in 64 MB.
 */
class BigResumeTest {

    private static final int LINES = 250_000;
    private static final int DONE = LINES - 10;

    @Test
    void aQuarterMillionRowsAreResumedIn64Megabytes() throws Exception {
        Files.createDirectories(Path.of("target", "test-work"));
        Path work = Files.createTempDirectory(Path.of("target", "test-work"), "BigResumeTest-").toAbsolutePath();
        Path list = work.resolve("list.txt");
        Path out = Files.createDirectories(work.resolve("out"));
        try (BufferedWriter tickers = Files.newBufferedWriter(list, StandardCharsets.US_ASCII);
             BufferedWriter rows = Files.newBufferedWriter(out.resolve("results.csv"), StandardCharsets.UTF_8)) {
            rows.write("line,ticker,outcome,price,http_status,attempts,latency_ms,error,reason\r\n");
            for (int line = 1; line <= LINES; line++) {
                String ticker = String.format("T%07d", line);
                tickers.write(ticker + "\n");
                if (line <= DONE) {
                    rows.write(line + "," + ticker + ",ok,1.50,200,1,30,,\r\n");
                }
            }
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quotaflow.run-once", "true");
        s.put("quotaflow.tickers", list.toString());
        s.put("quotaflow.output-dir", out.toString());
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        try (AppProcess app = AppProcess.start(s, work.resolve("app.log"), "64m")) {
            assertThat(app.waitFor(150)).as(app.log()).isZero();
            assertThat(app.log()).contains("Resuming the interrupted run in " + out + ": " + DONE + " line(s) already done");
        }

        List<CSVRecord> rows = Tickers.rows(out);
        assertThat(rows).hasSize(LINES);
        assertThat(rows.subList(DONE, LINES)).extracting(r -> r.get("outcome")).containsOnly("ok");
        assertThat(rows.stream().map(r -> r.get("line")).distinct().count()).isEqualTo(LINES);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("total").asLong()).isEqualTo(LINES);
        assertThat(summary.get("succeeded").asLong()).isEqualTo(LINES);
        assertThat(summary.get("requests").asLong()).as("only the lines without a row were fetched").isEqualTo(LINES - DONE);
        Files.deleteIfExists(list);
    }
}
