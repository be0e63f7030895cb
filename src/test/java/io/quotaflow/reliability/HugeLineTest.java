package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A list with one line bigger than the heap (a binary file given by mistake looks like that): the line is
 * reported as too long and the rest of the list is fetched, in a JVM with 64 MB. Reading whole lines ran out
 * of memory and failed the job with no row at all.
 */
class HugeLineTest {

    @Test
    void aLineBiggerThanTheHeapIsOneInvalidRow() throws Exception {
        Files.createDirectories(Path.of("target", "test-work"));
        Path work = Files.createTempDirectory(Path.of("target", "test-work"), "HugeLineTest-").toAbsolutePath();
        Path list = work.resolve("list.txt");
        long huge = 96L << 20;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(list), 1 << 16)) {
            out.write("AAPL\n# a comment\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'A');
            for (long written = 0; written < huge; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\nMSFT\nIBM".getBytes(StandardCharsets.US_ASCII));
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quotaflow.run-once", "true");
        s.put("quotaflow.tickers", list.toString());
        s.put("quotaflow.output-dir", work.resolve("out").toString());
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        try (AppProcess app = AppProcess.start(s, work.resolve("app.log"), "64m")) {
            assertThat(app.waitFor(120)).as(app.log()).isZero();
        } finally {
            Files.deleteIfExists(list);
        }
        List<CSVRecord> rows = Tickers.rows(work.resolve("out"));
        assertThat(rows).extracting(r -> r.get("line") + " " + r.get("outcome"))
                .containsExactlyInAnyOrder("1 ok", "3 invalid", "4 ok", "5 ok");
        CSVRecord cut = rows.stream().filter(r -> r.get("line").equals("3")).findFirst().orElseThrow();
        assertThat(cut.get("error")).contains("line too long (" + huge + " characters");
        assertThat(cut.get("ticker")).hasSizeLessThanOrEqualTo(41);
    }
}
