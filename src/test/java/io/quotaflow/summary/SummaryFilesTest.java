package io.quotaflow.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json as scripts read it, and the block a person reads in the log. */
class SummaryFilesTest {

    @TempDir
    Path dir;

    private static Summary summary(Map<String, Long> failures, Double efficiency, Summary.Latency latency,
                                   BigDecimal average) {
        return new Summary("completed", 5, 3, 2, 1, 1, average, average == null ? null : new BigDecimal("1.5"),
                average == null ? null : new BigDecimal("3.25"), failures, 7, 1, 12.5, 10.0, efficiency, latency, 2,
                "22 per 5s per key", "2026-12-02T10:00:00Z", "2026-12-02T10:00:12.500Z");
    }

    @Test
    void summaryJsonReplacesTheLastOneWholeAndLeavesNoTemporaryFile() throws Exception {
        Files.writeString(dir.resolve(SummaryFiles.SUMMARY), "{\"status\": \"older\"}");
        SummaryFiles.write(dir, summary(new TreeMap<>(Map.of("timeout", 2L)), 0.8, new Summary.Latency(30, 40, 45, 50),
                new BigDecimal("2.123456")));

        JsonNode json = new ObjectMapper().readTree(dir.resolve(SummaryFiles.SUMMARY).toFile());
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("averagePrice").decimalValue()).isEqualByComparingTo("2.123456");
        assertThat(json.get("failures").get("timeout").asLong()).isEqualTo(2);
        assertThat(json.get("latencyMs").get("p95").asLong()).isEqualTo(40);
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the documented order").startsWith("status", "total", "succeeded", "failed");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SummaryFiles.SUMMARY);
        }
    }

    @Test
    void theLogBlockSaysEveryFigure() {
        String block = SummaryFiles.block(summary(new TreeMap<>(Map.of("server error", 1L, "timeout", 1L)), 0.8,
                new Summary.Latency(30, 40, 45, 50), new BigDecimal("2.25")));
        assertThat(block.lines()).containsExactly(
                "Job completed",
                "  tickers   5 valid: 3 ok, 2 failed; 1 invalid lines, 1 duplicates",
                "  price     avg 2.25, min 1.5, max 3.25",
                "  failures  server error 1, timeout 1",
                "  requests  7 HTTP attempts, 1 rate limited (429)",
                "  time      12.500 s (ideal 10.000 s, efficiency 0.8) at 22 per 5s per key with 2 key(s)",
                "  latency   p50 30 ms, p95 40 ms, p99 45 ms, max 50 ms",
                "  window    2026-12-02T10:00:00Z .. 2026-12-02T10:00:12.500Z");
    }

    @Test
    void aBlockWithoutPricesFailuresEfficiencyOrAnswersSaysSo() {
        String block = SummaryFiles.block(summary(Map.of(), null, null, null));
        assertThat(block).contains("  price     no prices\n")
                .contains("  time      12.500 s (ideal 10.000 s) at 22 per 5s per key with 2 key(s)\n")
                .contains("  latency   none (no attempt was answered)\n")
                .doesNotContain("failures");
    }
}
