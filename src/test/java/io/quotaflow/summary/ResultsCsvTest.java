package io.quotaflow.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {

    @TempDir
    Path dir;

    @Test
    void aCharacterUtf8CannotEncodeIsWrittenAsAQuestionMarkNotAFailedJob() throws Exception {
        Path file = dir.resolve("results.csv");
        try (ResultsCsv csv = new ResultsCsv(file, false)) {
            // half an emoji, e.g. an error text cut by somebody else's code
            csv.write(TickerResult.failed(1, "AB\uD83D", 500, 1, 3L, "server error", "HTTP 500 \uD83D"));
            csv.write(TickerResult.ok(2, "MSFT", new BigDecimal("1.50"), 200, 1, 4));
        }
        try (ResultsCsv csv = new ResultsCsv(file, true)) {
            csv.write(TickerResult.ok(3, "IBM", new BigDecimal("2.50"), 200, 1, 4));
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                String.join(",", ResultsCsv.COLUMNS),
                "1,AB?,failed,,500,1,3,HTTP 500 ?,server error",
                "2,MSFT,ok,1.50,200,1,4,,",
                "3,IBM,ok,2.50,200,1,4,,");
    }

    @Test
    void theHeaderAndEachRowAreOnDiskAsSoonAsTheyAreWritten() throws Exception {
        // results.csv is the journal a run killed with -9 resumes from: nothing may wait in a buffer
        Path file = dir.resolve("results.csv");
        try (ResultsCsv csv = new ResultsCsv(file, false)) {
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(String.join(",", ResultsCsv.COLUMNS));
            assertThat(csv.write(TickerResult.ok(1, "MSFT", new BigDecimal("1.50"), 200, 1, 4))).isTrue();
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2).endsWith("1,MSFT,ok,1.50,200,1,4,,");
        }
    }

    @Test
    void aRowForAnEndedJobIsRefusedAndTheFileIsLetGo() throws Exception {
        Path file = dir.resolve("results.csv");
        ResultsCsv csv = new ResultsCsv(file, false);
        csv.close();
        assertThat(csv.write(TickerResult.ok(1, "MSFT", new BigDecimal("1.50"), 200, 1, 4))).isFalse();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(String.join(",", ResultsCsv.COLUMNS));
        if (io.quotaflow.support.OpenFiles.visible()) {
            assertThat(io.quotaflow.support.OpenFiles.isOpen(file)).as("no handle left open").isFalse();
        }
    }
}
