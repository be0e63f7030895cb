package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.ConfigException;
import io.quotaflow.fetch.TickerFile;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.summary.TickerResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed run reads from the results.csv an interrupted run left behind. */
class ResumeJournalTest {

    static final String HEADER = "line,ticker,outcome,price,http_status,attempts,latency_ms,error,reason\n";

    /** A results.csv an interrupted run left: the header, then lines 1..count (tickers T1..), each ok at price. */
    static String okRows(int count, String price, int latencyMs) {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int line = 1; line <= count; line++) {
            rows.append(line).append(",T").append(line).append(",ok,").append(price).append(",200,1,").append(latencyMs)
                    .append(",,\n");
        }
        return rows.toString();
    }

    @TempDir
    Path dir;

    @Test
    void keepsWholeRowsAndCutsTheRowAKillLeftHalfWritten() throws Exception {
        Path csv = dir.resolve("results.csv");
        Files.writeString(csv, HEADER
                + "1,AAPL,ok,123.45,200,1,12,,\n"
                + "3,ZZZZ,failed,,404,1,9,unknown symbol (HTTP 404),unknown symbol\n"
                + "4,\"A,B\",invalid,,,0,,\"invalid: not a valid symbol\",invalid\n"
                + "5,MSFT,o", StandardCharsets.UTF_8);

        ResumeJournal journal = ResumeJournal.load(dir, true, Long.MAX_VALUE);
        List<TickerResult> earlier = new ArrayList<>();
        journal.replay(earlier::add);

        assertThat(journal.size()).isEqualTo(3);
        assertThat(earlier).extracting(TickerResult::line).containsExactly(1L, 3L, 4L);
        TickerResult ok = earlier.get(0);
        assertThat(ok.outcome()).isEqualTo(TickerResult.Outcome.OK);
        assertThat(ok.price()).isEqualByComparingTo(new BigDecimal("123.45"));
        TickerResult failed = earlier.get(1);
        assertThat(failed.reason()).isEqualTo("unknown symbol");
        assertThat(failed.error()).isEqualTo("unknown symbol (HTTP 404)");
        assertThat(earlier.get(2).ticker()).isEqualTo("A,B");
        assertThat(Files.readString(csv)).endsWith("invalid\n").doesNotContain("MSFT");
    }

    @Test
    void aListThatChangedSinceTheInterruptedRunIsFoundBeforeTheJobStarts() throws Exception {
        Files.writeString(dir.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n" + "3,MSFT,ok,2.00,200,1,1,,\n");
        ResumeJournal journal = ResumeJournal.load(dir, true, Long.MAX_VALUE);
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
        Path list = dir.resolve("list.txt");

        Files.writeString(list, "aapl\n# a comment\nMSFT\nIBM\n");
        assertThat(journal.changedLine(list.toString(), symbol)).as("same tickers on the same lines").isEmpty();

        Files.writeString(list, "AAPL\n\nORCL\nIBM\n");
        assertThat(journal.changedLine(list.toString(), symbol)).hasValueSatisfying(why -> assertThat(why)
                .contains("line 3 is now 'ORCL'").contains("'MSFT'"));

        Files.writeString(list, "AAPL\n");
        assertThat(journal.changedLine(list.toString(), symbol)).hasValueSatisfying(why -> assertThat(why)
                .contains("no ticker on line 3"));
        Files.writeString(list, "# AAPL\n\nMSFT\n");
        assertThat(journal.changedLine(list.toString(), symbol)).as("the first line that lost its ticker")
                .hasValueSatisfying(why -> assertThat(why).contains("no ticker on line 1"));
    }

    @Test
    void anEditThatMovesWhichLineIsTheFirstOfATickerIsAChangedList() throws Exception {
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
        Path list = dir.resolve("list.txt");
        // AAA, BBB, AAA killed with line 1 in flight; line 1 then edited: line 3's duplicate row would
        // keep AAA from ever being fetched
        Files.writeString(dir.resolve("results.csv"), HEADER + "2,BBB,ok,1.00,200,1,1,,\n"
                + "3,AAA,duplicate,,,0,,duplicate of line 1,duplicate\n");
        Files.writeString(list, "CCC\nBBB\nAAA\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(), symbol)).hasValueSatisfying(why ->
                assertThat(why).contains("line 3 ('AAA') is now the first line of its ticker").contains("duplicate")
                        .contains("a line before it without a row changed"));
        Files.writeString(list, "AAA\nBBB\nAAA\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(), symbol)).as("unchanged").isEmpty();

        // XXX, BBB, AAA with rows for lines 2 and 3; line 1 edited to AAA: line 3 would count AAA twice
        Files.writeString(dir.resolve("results.csv"), HEADER + "2,BBB,ok,1.00,200,1,1,,\n" + "3,AAA,ok,2.00,200,1,1,,\n");
        Files.writeString(list, "AAA\nBBB\nAAA\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(), symbol)).hasValueSatisfying(why ->
                assertThat(why).contains("line 3 ('AAA') is now a duplicate").contains("has it as ok"));
    }

    @Test
    void rowsOfOlderVersionsThatClassifiedALineDifferentlyStillMatch() throws Exception {
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
        // before a BOM was ignored, line 1 was invalid and line 3 the first AAPL (fetched); now line 3 is a
        // duplicate of line 1, whose row is kept: AAPL is not fetched twice
        Files.writeString(dir.resolve("results.csv"), HEADER
                + "1,\uFEFFAAPL,invalid,,,0,,\"invalid: not a valid symbol\",invalid\n" + "3,AAPL,ok,1.00,200,1,1,,\n");
        Path list = Files.writeString(dir.resolve("list.txt"), "\uFEFFAAPL\nMSFT\naapl\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(), symbol)).isEmpty();

        // before only a-z were upper-cased, '\u017Fpy' was fetched as SPY and 'spy' was its duplicate; now line 1
        // is invalid and line 2 the first SPY, but line 1's row holds SPY: it was fetched, once
        Files.writeString(dir.resolve("results.csv"), HEADER
                + "1,SPY,ok,1.00,200,1,1,,\n" + "2,SPY,duplicate,,,0,,duplicate of line 1,duplicate\n");
        Files.writeString(list, "\u017Fpy\nspy\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(), symbol)).isEmpty();
    }

    @Test
    void rowsOfVersionsThatKeptANoBreakSpaceAtALinesEdgeStillMatch() throws Exception {
        // before such characters were trimmed, 'IBM\u00A0' was invalid as written; now it is IBM
        Files.writeString(dir.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n"
                + "2,IBM\u00A0,invalid,,,0,,\"invalid: not a valid symbol\",invalid\n"
                + "3,\u200B=1,invalid,,,0,,\"invalid: not a valid symbol\",invalid\n");
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nIBM\u00A0\n\u200B=1\nMSFT\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(),
                Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}"))).isEmpty();
    }

    @Test
    void aUtf16ListIsReadForTheCheckAndTheRestAsForTheJob() throws Exception {
        // the job reads its list for the count, the resume check and the fetch: read as UTF-8 in any of them, a
        // UTF-16 list's rows would all look changed
        Files.writeString(dir.resolve("results.csv"), HEADER + "2,AAPL,ok,1.00,200,1,1,,\n" + "4,IBM,ok,2.00,200,1,1,,\n");
        Path tickers = Files.write(dir.resolve("list.txt"),
                "\uFEFF# exported\r\nAAPL\r\nMSFT\r\nIBM\r\naapl\r\n".getBytes(StandardCharsets.UTF_16LE));
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
        ResumeJournal journal = ResumeJournal.load(dir, true, TickerFile.lineBound(tickers.toString()));
        assertThat(journal.changedLine(tickers.toString(), symbol)).isEmpty();

        List<TickerItem> remaining = new ArrayList<>();
        try (ResumeJournal.Remaining items = journal.skipDone(TickerFile.open(tickers.toString(), symbol), job(journal))) {
            items.forEachRemaining(remaining::add);
        }
        assertThat(remaining).extracting(TickerItem::line, TickerItem::ticker, TickerItem::status).containsExactly(
                org.assertj.core.api.Assertions.tuple(3L, "MSFT", TickerItem.Status.VALID),
                org.assertj.core.api.Assertions.tuple(5L, "AAPL", TickerItem.Status.DUPLICATE));
    }

    @Test
    void aUtf32ListIsReadForTheCheckAndTheRestAsForTheJob() throws Exception {
        // FF FE 00 00 was read as UTF-16 and 00 00 FE FF as UTF-8: every line invalid, and with \r\n line ends the
        // UTF-32LE lines doubled, so the rows of a UTF-32 list matched nothing
        for (String utf32 : List.of("UTF-32LE", "UTF-32BE")) {
            Files.writeString(dir.resolve("results.csv"), HEADER + "2,AAPL,ok,1.00,200,1,1,,\n" + "4,IBM,ok,2.00,200,1,1,,\n");
            Path tickers = Files.write(dir.resolve("list.txt"),
                    "\uFEFF# exported\r\nAAPL\r\nMSFT\r\nIBM\r\naapl\r\n".getBytes(java.nio.charset.Charset.forName(utf32)));
            Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
            ResumeJournal journal = ResumeJournal.load(dir, true, TickerFile.lineBound(tickers.toString()));
            assertThat(journal.changedLine(tickers.toString(), symbol)).as(utf32).isEmpty();

            List<TickerItem> remaining = new ArrayList<>();
            try (ResumeJournal.Remaining items = journal.skipDone(TickerFile.open(tickers.toString(), symbol), job(journal))) {
                items.forEachRemaining(remaining::add);
            }
            assertThat(remaining).as(utf32).extracting(TickerItem::line, TickerItem::ticker, TickerItem::status).containsExactly(
                    org.assertj.core.api.Assertions.tuple(3L, "MSFT", TickerItem.Status.VALID),
                    org.assertj.core.api.Assertions.tuple(5L, "AAPL", TickerItem.Status.DUPLICATE));
        }
    }

    @Test
    void rowsWrittenBeforeInvalidLinesKeptTheirCaseStillMatch() throws Exception {
        // an older version upper-cased invalid lines, kept a byte order mark on line 1, and wrote a line that
        // starts like a spreadsheet formula without the ' it now gets
        Files.writeString(dir.resolve("results.csv"), HEADER
                + "1,\uFEFFAAPL,invalid,,,0,,\"invalid: not a valid symbol\",invalid\n"
                + "2,BRK B,invalid,,,0,,\"invalid: not a valid symbol\",invalid\n"
                + "3,=1+2,invalid,,,0,,\"invalid: not a valid symbol\",invalid\n");
        Path list = Files.writeString(dir.resolve("list.txt"), "\uFEFFAAPL\nbrk b\n=1+2\nMSFT\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).changedLine(list.toString(),
                Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}"))).isEmpty();
    }

    @Test
    void aCompletedJobOrResumeOffStartsFresh() throws Exception {
        Files.writeString(dir.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n");
        assertThat(ResumeJournal.load(dir, false, Long.MAX_VALUE).isEmpty()).isTrue();
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).isEmpty()).isFalse();

        Files.writeString(dir.resolve("summary.json"), "{\"status\" : \"completed\"}");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).isEmpty()).isTrue();

        Files.writeString(dir.resolve("summary.json"), "{\"status\" : \"incomplete\"}");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).isEmpty()).isFalse();
    }

    @Test
    void aFileWithOtherColumnsIsAClearError() throws Exception {
        Files.writeString(dir.resolve("results.csv"), "line,ticker,outcome\n1,AAPL,ok\n");
        assertThatThrownBy(() -> ResumeJournal.load(dir, true, Long.MAX_VALUE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quotaflow.resume").hasMessageContaining("set quotaflow.resume=false");
    }

    @Test
    void aRowEditedByHandThatLostItsPriceIsAClearError() throws Exception {
        Files.writeString(dir.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n" + "2,MSFT,ok,,200,1,1,,\n");
        assertThatThrownBy(() -> ResumeJournal.load(dir, true, Long.MAX_VALUE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("row 2 (line 2) is 'ok' without its price").hasMessageContaining("results.csv");
    }

    /** Found by editing rows of a killed run by hand: the message named neither the row nor the column. */
    @Test
    void aValueEditedByHandIsNamedWithItsRowAndColumn() throws Exception {
        String good = "1,AAPL,ok,1.00,200,1,1,,\n";
        Map<String, String> edits = Map.of(
                "2,MSFT,maybe,1.00,200,1,1,,\n", "row 2 (line 2) has 'maybe' in column outcome, where ok, failed, invalid or duplicate belongs",
                "2,MSFT,ok,12x.5,200,1,1,,\n", "row 2 (line 2) has '12x.5' in column price, where a number belongs",
                "2,MSFT,ok,1.00,200,one,1,,\n", "row 2 (line 2) has 'one' in column attempts, where a whole number belongs",
                "abc,MSFT,ok,1.00,200,1,1,,\n", "row 2 (line abc) has 'abc' in column line, where a whole number belongs");
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            Files.writeString(dir.resolve("results.csv"), HEADER + good + edit.getKey());
            assertThatThrownBy(() -> ResumeJournal.load(dir, true, Long.MAX_VALUE)).as(edit.getKey())
                    .isInstanceOf(ConfigException.class).hasMessageContaining(edit.getValue())
                    .hasMessageContaining("set quotaflow.resume=false");
        }
    }

    @Test
    void withAFolderPerRunOnlyTheNewestInterruptedRunIsContinued() throws Exception {
        Path runs = dir.resolve("runs");
        Path newer = Files.createDirectories(runs.resolve("20261123T103000.000Z")); // made first: not listed last
        Path older = Files.createDirectories(runs.resolve("20261123T101500.000Z"));
        for (String other : new String[] {"20261123T090000.000Z", "20261122T235959.999Z", "20261123T102959.999Z"}) {
            Files.writeString(Files.createDirectories(runs.resolve(other)).resolve("results.csv"), HEADER);
        }
        Files.writeString(older.resolve("results.csv"), HEADER);
        assertThat(ResumeJournal.interruptedRun(runs, true)).isEmpty(); // newest has no results: it never started

        Files.writeString(newer.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n");
        assertThat(ResumeJournal.interruptedRun(runs, true)).contains(newer);
        assertThat(ResumeJournal.interruptedRun(runs, false)).isEmpty();
        // a folder of someone else's in runs/ sorts after the job folders by name, but is no job
        Files.createDirectories(runs.resolve("notes"));
        assertThat(ResumeJournal.interruptedRun(runs, true)).contains(newer);

        Files.writeString(newer.resolve("summary.json"), "{\"status\":\"completed\"}");
        assertThat(ResumeJournal.interruptedRun(runs, true)).isEmpty();
        assertThat(ResumeJournal.interruptedRun(dir.resolve("none"), true)).isEmpty();
    }

    @Test
    void aRowBeyondTheListsEndIsAChangedListAndDoesNotSizeTheIndex() throws Exception {
        // a hand edit or a corrupt row: an index sized by that line number ran out of memory
        Files.writeString(dir.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n"
                + "2147483646,MSFT,ok,2.00,200,1,1,,\n" + "900000000,IBM,ok,2.00,200,1,1,,\n");
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\n");
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");

        ResumeJournal journal = ResumeJournal.load(dir, true, io.quotaflow.fetch.TickerFile.lineBound(list.toString()));

        assertThat(journal.size()).isEqualTo(3);
        assertThat(journal.changedLine(list.toString(), symbol)).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("the list now has no ticker on line 900000000, where the interrupted run's results.csv"
                        + " has 'IBM': the list changed"));
    }

    @Test
    void filesWithoutRowsAreNothingToContinueAndASecondRowForALineIsRefused() throws Exception {
        Path csv = dir.resolve("results.csv");
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\nIBM\n");
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");

        Files.writeString(csv, "");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).isEmpty()).as("empty file").isTrue();
        Files.writeString(csv, "line,ticker,outc");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).isEmpty()).as("no line break at all").isTrue();
        assertThat(Files.size(csv)).isZero();
        Files.writeString(csv, HEADER);
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).isEmpty()).as("header only").isTrue();

        Files.writeString(csv, HEADER.replace("\n", "\r\n") + "1,AAPL,ok,1.00,200,1,1,,\r\n2,MSFT,ok,2.0");
        ResumeJournal crlf = ResumeJournal.load(dir, true, Long.MAX_VALUE);
        assertThat(crlf.size()).as("CRLF rows, the cut one dropped").isEqualTo(1);
        assertThat(crlf.changedLine(list.toString(), symbol)).isEmpty();

        // a row copied by hand: replayed as written, the summary counted line 2 twice (a resumed 300-ticker list
        // read "total 301"), and results.csv kept two rows for one line
        Files.writeString(csv, HEADER + "1,AAPL,ok,1.00,200,1,1,,\n2,MSFT,ok,2.00,200,1,1,,\n2,MSFT,ok,2.00,200,1,1,,\n");
        assertThatThrownBy(() -> ResumeJournal.load(dir, true, Long.MAX_VALUE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("row 3 is a second row for line 2").hasMessageContaining("set quotaflow.resume=false");
    }

    @Test
    void aRowCutByAKillIsFoundWhereverItsLastLineBreakLiesInALargeFile() throws Exception {
        StringBuilder whole = new StringBuilder(HEADER);
        for (int line = 1; line <= 500; line++) {
            whole.append(line).append(",T").append(line).append(",ok,1.00,200,1,1,,\n");
        }
        assertThat(whole.length()).as("more than the 8 KB read from the end at a time").isGreaterThan(8192);
        Path csv = dir.resolve("results.csv");
        String start = "501,T501,failed,,500,1,1,";
        // a short cut row; one that ends 8191 bytes after the last line break (which is then the first byte of the
        // block read from the end); and one longer than a block, so that the line break is in the block before
        for (int cut : new int[] {start.length() + 3, 8191, 20_000}) {
            Files.writeString(csv, whole + start + "x".repeat(cut - start.length()), StandardCharsets.UTF_8);
            ResumeJournal journal = ResumeJournal.load(dir, true, Long.MAX_VALUE);
            assertThat(journal.size()).as("cut row of %d bytes", cut).isEqualTo(500);
            assertThat(Files.readString(csv)).as("cut row of %d bytes", cut).isEqualTo(whole.toString());
        }
    }

    @Test
    void aLongListIsIndexedToItsLastLine() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int line = 1; line <= 5003; line++) {
            list.append('T').append(line).append('\n');
        }
        Path tickers = Files.writeString(dir.resolve("list.txt"), list);
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
        Files.writeString(dir.resolve("results.csv"), HEADER + "1023,T1023,ok,1.00,200,1,1,,\n"
                + "1024,T1024,ok,1.00,200,1,1,,\n" + "5000,T5000,ok,1.00,200,1,1,,\n");

        ResumeJournal journal = ResumeJournal.load(dir, true, 5000); // the list's last line may have a row
        assertThat(journal.size()).isEqualTo(3);
        assertThat(journal.changedLine(tickers.toString(), symbol)).isEmpty();
        List<TickerItem> remaining = new ArrayList<>();
        try (ResumeJournal.Remaining items = journal.skipDone(TickerFile.open(tickers.toString(), symbol), job(journal))) {
            items.forEachRemaining(remaining::add);
        }
        assertThat(remaining).as("every line but the three with a row, past the index's end too").hasSize(5000);
        Files.writeString(tickers, list.toString().replace("\nT5000\n", "\nT5001\n"));
        assertThat(journal.changedLine(tickers.toString(), symbol)).hasValueSatisfying(why ->
                assertThat(why).startsWith("line 5000 is now 'T5001'"));

        Files.writeString(dir.resolve("results.csv"), HEADER + "2147483647,T1,ok,1.00,200,1,1,,\n");
        assertThat(ResumeJournal.load(dir, true, Long.MAX_VALUE).size())
                .as("a line number no index can hold is counted, not indexed").isEqualTo(1);
    }

    @Test
    void theRemainingLinesAreThoseWithoutARowAndDuplicatesStayDuplicates() throws Exception {
        Files.writeString(dir.resolve("results.csv"), HEADER + "1,AAPL,ok,1.00,200,1,1,,\n" + "3,IBM,ok,2.00,200,1,1,,\n");
        Path tickers = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\nIBM\nAAPL\nMSFT\n");
        Pattern symbol = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
        ResumeJournal journal = ResumeJournal.load(dir, true, Long.MAX_VALUE);
        JobRun job = job(journal);

        List<TickerItem> remaining = new ArrayList<>();
        try (ResumeJournal.Remaining items = journal.skipDone(TickerFile.open(tickers.toString(), symbol), job)) {
            items.forEachRemaining(remaining::add);
            assertThatThrownBy(items::next).isInstanceOf(java.util.NoSuchElementException.class);
        }
        assertThat(remaining).extracting(TickerItem::line).containsExactly(2L, 4L, 5L);
        assertThat(remaining).extracting(TickerItem::status).containsExactly(TickerItem.Status.VALID,
                TickerItem.Status.DUPLICATE, TickerItem.Status.DUPLICATE);

        Files.writeString(tickers, "AAPL\nMSFT\nORCL\n"); // edited after the check before the job
        try (ResumeJournal.Remaining items = journal.skipDone(TickerFile.open(tickers.toString(), symbol), job)) {
            assertThat(items.next().line()).isEqualTo(2L);
            assertThatThrownBy(items::hasNext).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("line 3 is now 'ORCL'");
        }

        job.requestStop();
        try (ResumeJournal.Remaining items = journal.skipDone(TickerFile.open(tickers.toString(), symbol), job)) {
            assertThat(items.hasNext()).as("a stopping job reads no more lines").isFalse();
        }
    }

    private JobRun job(ResumeJournal journal) {
        io.quotaflow.config.QuotaflowSettings s = io.quotaflow.config.QuotaflowSettings.from(
                io.quotaflow.support.PackagedDefaults.load()::getProperty);
        return new JobRun(s, () -> List.of(s.rateRequests()), dir, new io.quotaflow.fetch.UrlTemplate("http://h/{ticker}"),
                journal);
    }
}
