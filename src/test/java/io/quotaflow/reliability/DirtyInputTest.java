package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.Arrival;
import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A ticker list full of junk: the job completes, every non-blank, non-comment line has one row with
 * its line number and reason, and only valid, encoded symbols ever reach the server.
 */
class DirtyInputTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void junkLinesAreReportedWithLineAndReasonAndNeverSent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] lines = {
            "# a comment",              // 1 skipped
            "",                         // 2 skipped
            "aapl",                     // 3 valid -> AAPL
            "  MSFT  ",                 // 4 valid -> MSFT
            "AAPL",                     // 5 duplicate of line 3
            "AAPL&apikey=x",            // 6 invalid
            "../../admin",              // 7 invalid
            "MSFT?x=1",                 // 8 invalid
            "%41%41",                   // 9 invalid
            "BRK B",                    // 10 invalid
            "A".repeat(5000),           // 11 invalid: too long
            null,                       // 12 invalid: not UTF-8 (written below)
            "brk.b",                    // 13 valid -> BRK.B
            "   \t ",                   // 14 skipped
            "GOOG",                     // 15 valid
            "X".repeat(39) + "\uD83D\uDE00 tail", // 16 invalid: shown cut to 40 characters, inside the emoji
        };
        for (String line : lines) {
            if (line == null) {
                bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 'A', 'B'});
            } else {
                bytes.write(line.getBytes(StandardCharsets.UTF_8));
            }
            bytes.write('\n');
        }
        Path list = work.resolve("dirty.txt");
        Files.write(list, bytes.toByteArray());
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());

        Summary summary = runJob();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.succeeded()).isEqualTo(4);
        assertThat(summary.invalid()).isEqualTo(8);
        assertThat(summary.duplicates()).isEqualTo(1);
        BigDecimal sum = List.of("AAPL", "MSFT", "BRK.B", "GOOG").stream().map(QuoteSimulator::priceOf)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(summary.averagePrice()).isEqualByComparingTo(sum.divide(BigDecimal.valueOf(4), 6, RoundingMode.HALF_EVEN));

        Map<Long, CSVRecord> rows = Tickers.rows(outputDir()).stream()
                .collect(Collectors.toMap(r -> Long.parseLong(r.get("line")), r -> r));
        assertThat(rows.keySet()).containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 15L, 16L);
        assertThat(rows.get(3L).get("outcome")).isEqualTo("ok");
        assertThat(rows.get(3L).get("ticker")).isEqualTo("AAPL");
        assertThat(rows.get(4L).get("ticker")).isEqualTo("MSFT");
        assertThat(rows.get(5L).get("outcome")).isEqualTo("duplicate");
        for (long line : new long[] {6, 7, 8, 9, 10}) {
            assertThat(rows.get(line).get("outcome")).isEqualTo("invalid");
            assertThat(rows.get(line).get("error")).contains("not a valid symbol");
        }
        assertThat(rows.get(11L).get("error")).contains("line too long (5000 characters");
        assertThat(rows.get(11L).get("ticker").length()).isLessThanOrEqualTo(41);
        assertThat(rows.get(12L).get("outcome")).isEqualTo("invalid");
        assertThat(rows.get(12L).get("error")).contains("not valid UTF-8");
        assertThat(rows.get(13L).get("ticker")).isEqualTo("BRK.B");
        // never half an emoji (a lone surrogate cannot be written as UTF-8: the job failed on it)
        assertThat(rows.get(16L).get("ticker")).isEqualTo("X".repeat(39) + "…");
        assertThat(rows.get(16L).get("error")).contains("contains '\uD83D\uDE00'");

        // only the four valid symbols reached the server, once each
        QuoteSimulator sim = simulator();
        assertThat(sim.arrivals().stream().map(Arrival::symbol).toList())
                .containsExactlyInAnyOrder("AAPL", "MSFT", "BRK.B", "GOOG");
        assertThat(sim.countFor("AAPL")).isEqualTo(1);
        assertThat(sim.statusCounts()).containsOnlyKeys(200);
    }

    @Test
    void lineEndsOfAnyKindAndCharactersNoOneCanSeeEndInOneClearRowEach() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String text = "\uFEFFaapl\r\n"      // 1 valid: BOM, Windows line end
                + "msft\r"                   // 2 valid: a lone CR ends a line too
                + "\tIBM\u00A0\n"            // 3 valid: a no-break space at the edge is trimmed
                + "\u200BGOOG\u2060\n"       // 4 valid: so are a zero-width space and a word joiner
                + "NVDA # nvidia\n"          // 5 invalid: a comment after a symbol
                + "AaPl\n"                   // 6 duplicate of line 1
                + "\u212AO\n"                // 7 invalid: the Kelvin sign, not K
                + "AB\u0000CD\n"             // 8 invalid: NUL
                + "\r\n"                     // 9 blank
                + "ko\n"                     // 10 valid
                + "BRK\u00A0B\n"             // 11 invalid: a no-break space inside a symbol
                + "T\u200BSLA\n"             // 12 invalid: a zero-width space inside one
                + "\u202F\u2007\n"           // 13 blank: only spaces that do not break
                + "\uFEFFnflx";               // 14 valid: a mark before a later line (lists joined by cat), no line end
        bytes.write(text.getBytes(StandardCharsets.UTF_8));
        Path list = work.resolve("odd.txt");
        Files.write(list, bytes.toByteArray());
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());

        Summary summary = runJob();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(List.of(summary.total(), summary.succeeded(), summary.invalid(), summary.duplicates()))
                .containsExactly(6L, 6L, 5L, 1L);
        Map<Long, CSVRecord> rows = Tickers.rows(outputDir()).stream()
                .collect(Collectors.toMap(r -> Long.parseLong(r.get("line")), r -> r));
        assertThat(rows).hasSize(12).doesNotContainKeys(9L, 13L);
        assertThat(List.of(1L, 2L, 3L, 4L, 10L, 14L).stream().map(l -> rows.get(l).get("ticker")).toList())
                .containsExactly("AAPL", "MSFT", "IBM", "GOOG", "KO", "NFLX");
        assertThat(rows.get(5L).get("error")).contains("a # comment must be a line of its own");
        assertThat(rows.get(6L).get("outcome")).isEqualTo("duplicate");
        assertThat(rows.get(7L).get("error")).contains("(U+212A, not ASCII)");
        assertThat(rows.get(8L).get("error")).contains("a control character (U+0000)");
        assertThat(rows.get(11L).get("error")).contains("contains a space character (U+00A0)");
        assertThat(rows.get(12L).get("error")).contains("contains an invisible character (U+200B)");
        assertThat(simulator().arrivals().stream().map(Arrival::symbol).toList())
                .containsExactlyInAnyOrder("AAPL", "MSFT", "IBM", "GOOG", "KO", "NFLX");
    }

    @Test
    void aListSavedAsUnicodeTextByExcelOrNotepadIsReadWithItsLineNumbers() throws Exception {
        // UTF-16LE after FF FE, \r\n line ends; one line ends in half an emoji (a high surrogate alone)
        String text = "\uFEFFTicker symbol\r\n"  // 1 invalid: a header, not a symbol
                + "aapl\r\n"                      // 2 valid
                + "\r\n"                          // 3 blank
                + "MSFT\u00A0\r\n"                // 4 valid
                + "X\uD83D\r\n"                   // 5 invalid: not UTF-16
                + "ibm\r\n"                       // 6 valid: its line end was not taken into line 5
                + "AAPL";                          // 7 duplicate
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) { // unit by unit: getBytes would write '?' for the lone surrogate
            bytes[2 * i] = (byte) text.charAt(i);
            bytes[2 * i + 1] = (byte) (text.charAt(i) >> 8);
        }
        Path list = Files.write(work.resolve("unicode.txt"), bytes);
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());

        assertReadsTheExcelList("UTF-16LE");
    }

    @Test
    void aListSavedAsUtf32IsReadWithItsLineNumbers() throws Exception {
        // UTF-32LE after FF FE 00 00 (which starts like the UTF-16LE mark: read as UTF-16, every line had NULs in it
        // and each \r\n made two lines), \r\n line ends; line 5 has a surrogate unit, no text in UTF-32
        int[] units = ("\uFEFFTicker symbol\r\n" // 1 invalid: a header, not a symbol
                + "aapl\r\n"                        // 2 valid
                + "\r\n"                            // 3 blank
                + "MSFT\u00A0\r\n"                  // 4 valid
                + "X?\r\n"                          // 5 invalid: the ? becomes the unit D83D
                + "ibm\r\n"                         // 6 valid
                + "AAPL").codePoints().toArray();     // 7 duplicate
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(units.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int unit : units) {
            bytes.putInt(unit == '?' ? 0xD83D : unit);
        }
        Path list = Files.write(work.resolve("utf32.txt"), bytes.array());
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());

        assertReadsTheExcelList("UTF-32LE");
    }

    /**
     * The job over the list both Unicode tests write: a header (1), AAPL (2), a blank (3), MSFT (4), line 5 not text
     * in {@code encoding}, IBM (6), AAPL again (7); every line under its own number, only the symbols sent.
     */
    private void assertReadsTheExcelList(String encoding) throws Exception {
        Summary summary = runJob();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(List.of(summary.total(), summary.succeeded(), summary.invalid(), summary.duplicates()))
                .containsExactly(3L, 3L, 2L, 1L);
        assertThat(Tickers.rows(outputDir())).extracting(r -> r.get("line") + " " + r.get("ticker") + " " + r.get("outcome"))
                .containsExactlyInAnyOrder("1 Ticker symbol invalid", "2 AAPL ok", "4 MSFT ok", "5 X\uFFFD invalid", "6 IBM ok",
                        "7 AAPL duplicate");
        assertThat(Tickers.rows(outputDir()).stream().filter(r -> r.get("line").equals("5")).findFirst().orElseThrow()
                .get("error")).contains("not valid " + encoding + " text");
        assertThat(simulator().arrivals().stream().map(Arrival::symbol).toList())
                .containsExactlyInAnyOrder("AAPL", "MSFT", "IBM");
    }

    @Test
    void anEmptyListGivesAnEmptyValidSummary() throws Exception {
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("empty.txt", List.of("# nothing here", "")).toString());

        Summary summary = runJob();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.total()).isZero();
        assertThat(summary.invalid()).isZero();
        assertThat(summary.averagePrice()).isNull();
        assertThat(summary.requests()).isZero();
        assertThat(simulator().requestCount()).isZero();
        assertThat(resultRows()).isEmpty();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(outputDir().resolve("summary.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("total").asInt()).isZero();
    }
}
