package io.quotaflow.job;

import com.carrotsearch.hppc.LongLongHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.config.ConfigException;
import io.quotaflow.fetch.TickerFile;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.fetch.TickerLines;
import io.quotaflow.summary.ResultsCsv;
import io.quotaflow.summary.SummaryFiles;
import io.quotaflow.summary.TickerResult;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Crash and resume. The journal is the job's own results.csv: each row is flushed as soon as its line
 * has an outcome, so after a kill -9 the file holds exactly the lines that are done (a row cut short
 * by the kill is dropped). We use it instead of a separate store (e.g. Camel's
 * FileIdempotentRepository) because it already is durable per row and holds the price and failure
 * reason, so a resumed run's summary can count the earlier rows (exact average over all priced);
 * an idempotent repository would only remember keys, and would be a second file that can disagree
 * with the first.
 *
 * <p>A folder is resumed when {@code quotaflow.resume=true}, it has a results.csv, and no summary.json
 * with status "completed" (that job finished; a new run starts over). Lines that have a row are not
 * read into the job again (so never requested again); all other lines are. Start fresh with
 * {@code -Dquotaflow.resume=false} or by deleting the folder.
 */
public final class ResumeJournal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResumeJournal NONE = new ResumeJournal(null, new long[0], 0, 0, 0);

    /** The interrupted run's results.csv, read again for the summary and for a message naming a row's ticker. */
    private final Path csv;
    /**
     * Per line number: 0 when the line has no row, else its row's ticker as a 61-bit hash (of {@link #key}) and
     * its outcome. An index, not the rows: 8 bytes a line, where the rows themselves took about 230 bytes each
     * and a resumed 900,000-row run needed 512 MB of heap (a fresh run of that list needs under 128 MB).
     */
    private final long[] rows;
    private final int count;
    private final long lastRow;
    /** The first line of a row beyond the list's end (0: none): the list changed, and the index stays small. */
    private final long beyond;
    /** Ticker hash to the first line whose row is not a duplicate (ok, failed or invalid); built when first needed. */
    private LongLongHashMap firstFetched;

    private ResumeJournal(Path csv, long[] rows, int count, long lastRow, long beyond) {
        this.csv = csv;
        this.rows = rows;
        this.count = count;
        this.lastRow = lastRow;
        this.beyond = beyond;
    }

    /** Nothing to continue: a fresh job. */
    public static ResumeJournal none() {
        return NONE;
    }

    /**
     * Reads what an interrupted run in {@code dir} left, or {@link #none()} when there is nothing to continue.
     *
     * @param listLines at most how many lines the ticker list has ({@link TickerFile#lineBound}): a row beyond
     *                  them (a hand edit, another list) is a changed list, and never sizes the index
     */
    public static ResumeJournal load(Path dir, boolean resume, long listLines) {
        Path csv = dir.resolve(JobRun.RESULTS);
        if (!resume || !Files.isRegularFile(csv) || completed(dir.resolve(SummaryFiles.SUMMARY))) {
            return none();
        }
        try {
            keepWholeRows(csv);
            long[][] index = {new long[1024]};
            int[] count = {0};
            long[] last = {0};
            long[] beyond = {0};
            long[] rowNumber = {0};
            forEachRow(csv, r -> {
                rowNumber[0]++;
                if (r.line() < 1) {
                    throw new IllegalArgumentException("line " + r.line() + " is not a line number");
                }
                if (r.line() > listLines || r.line() >= Integer.MAX_VALUE) {
                    count[0]++;
                    beyond[0] = beyond[0] == 0 ? r.line() : Math.min(beyond[0], r.line());
                    return;
                }
                int line = (int) r.line();
                if (line >= index[0].length) {
                    index[0] = Arrays.copyOf(index[0], Math.max(line + 1, index[0].length * 2));
                }
                if (index[0][line] != 0) {
                    // replayed as written, the summary would count the line twice; and which row is right?
                    throw new IllegalArgumentException("row " + rowNumber[0] + " is a second row for line " + line
                            + " (results.csv has one row per line: was it edited by hand?)");
                }
                count[0]++;
                index[0][line] = entry(hash(r.ticker()), r.outcome());
                last[0] = Math.max(last[0], line);
            });
            return count[0] == 0 ? none() : new ResumeJournal(csv, index[0], count[0], last[0], beyond[0]);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("quotaflow.resume", "cannot continue from " + csv + " (" + e.getMessage()
                    + "); delete it or set quotaflow.resume=false to start over");
        }
    }

    /** The interrupted run's rows in file order, read one at a time (the new run's summary counts them). */
    public void replay(Consumer<TickerResult> into) {
        if (csv == null) {
            return;
        }
        try {
            forEachRow(csv, into);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** How many lines already have a row. */
    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * For one folder per run ({@code runs/<UTC start>/}): the newest run folder, if it was interrupted
     * (it has a results.csv and no completed summary.json), is the one to continue; otherwise none.
     * Only the newest: an older interrupted run was already superseded by a later one.
     */
    public static Optional<Path> interruptedRun(Path runsDir, boolean resume) {
        if (!resume || !Files.isDirectory(runsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(runsDir)) {
            // folder names are UTC start times (yyyyMMdd'T'HHmmss.SSS'Z'), so the newest sorts last
            return runs.filter(RunFolder::isJobFolder).max(Comparator.comparing(p -> p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p.resolve(JobRun.RESULTS))
                            && !completed(p.resolve(SummaryFiles.SUMMARY)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsDir, e);
        }
    }

    /**
     * Whether the ticker list still is the one the interrupted run worked on: the first line whose ticker is not
     * the one its row has (or the list now ends before a line that has a row), or empty when every row still
     * matches. Read before the job starts, so a changed list is found before anything is fetched.
     */
    public Optional<String> changedLine(String tickers, Pattern symbol) {
        if (isEmpty()) {
            return Optional.empty();
        }
        BitSet matched = new BitSet();
        // which line is now first with a ticker is asked only about rows of older versions (rare): then read
        // once, instead of a map over every ticker of every resumed list
        Supplier<LongLongHashMap> firstNow = new Supplier<>() {
            private LongLongHashMap lines;

            @Override
            public LongLongHashMap get() {
                if (lines == null) {
                    lines = firstLines(tickers, symbol);
                }
                return lines;
            }
        };
        try (TickerFile list = TickerFile.open(tickers, symbol)) {
            while (list.hasNext()) {
                TickerItem item = list.next();
                if (item.line() > lastRow) {
                    break;
                }
                long hash = hash(item.ticker());
                long row = row(item.line());
                if (row == 0) {
                    continue;
                }
                if (!sameTicker(row, hash)) {
                    return Optional.of(mismatch(item));
                }
                if (!sameKind(row, item, hash, firstNow)) {
                    return Optional.of(movedFirst(item, outcome(row)));
                }
                matched.set((int) item.line());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tickers, e);
        }
        if (matched.cardinality() < count) {
            long gone = beyond;
            for (int line = 1; line <= lastRow; line++) {
                if (rows[line] != 0 && !matched.get(line)) {
                    gone = line;
                    break;
                }
            }
            return Optional.of("the list now has no ticker on line " + gone + ", where the interrupted run's"
                    + " results.csv has '" + tickerOnRow(gone) + "': the list changed");
        }
        return Optional.empty();
    }

    /**
     * A row whose line still holds its ticker but is now another kind of line. Older versions classified some
     * lines differently (a BOM made line 1 invalid, {@code ſpy} was upper-cased to SPY), so a changed kind alone
     * is not a changed list; it is when a line without a row explains it, because keeping the rows would then
     * fetch a ticker twice or never (a line in flight at the kill, edited before the restart):
     * <ul>
     *   <li>fetched then, a duplicate now: the line now first with this ticker has no row, so it would be
     *       fetched again;</li>
     *   <li>a duplicate then, the first now: no earlier row holds the ticker, so the line that was first had no
     *       row and changed, and the ticker would never be fetched.</li>
     * </ul>
     */
    private boolean sameKind(long row, TickerItem now, long hash, Supplier<LongLongHashMap> firstNow) {
        TickerResult.Outcome was = outcome(row);
        boolean wasFetched = was == TickerResult.Outcome.OK || was == TickerResult.Outcome.FAILED;
        if (wasFetched && now.status() == TickerItem.Status.DUPLICATE) {
            long first = firstNow.get().get(hash); // 0: none (line numbers start at 1)
            return first != 0 && row(first) != 0;
        }
        if (was == TickerResult.Outcome.DUPLICATE && now.isValid()) {
            long first = firstFetched().get(hash);
            return first != 0 && first < now.line();
        }
        return true;
    }

    /** Ticker hash to the line now first with it, for the lines up to the last one with a row. */
    private LongLongHashMap firstLines(String tickers, Pattern symbol) {
        LongLongHashMap first = new LongLongHashMap();
        try (TickerFile list = TickerFile.open(tickers, symbol)) {
            while (list.hasNext()) {
                TickerItem item = list.next();
                if (item.line() > lastRow) {
                    break;
                }
                if (item.isValid()) {
                    first.putIfAbsent(hash(item.ticker()), item.line());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tickers, e);
        }
        return first;
    }

    /** Rare (rows of older versions): so built on the first such row, not for every resume. */
    private LongLongHashMap firstFetched() {
        if (firstFetched == null) {
            firstFetched = new LongLongHashMap();
            for (int line = 1; line <= lastRow; line++) {
                if (rows[line] != 0 && outcome(rows[line]) != TickerResult.Outcome.DUPLICATE) {
                    firstFetched.putIfAbsent(rows[line] >>> OUTCOME_BITS, line);
                }
            }
        }
        return firstFetched;
    }

    /** Outcome ordinal in the low bits, under a bit that is always set (0 means "no row"), hash above them. */
    private static final int OUTCOME_BITS = 3;

    private static long entry(long hash, TickerResult.Outcome outcome) {
        return hash << OUTCOME_BITS | 0b100 | outcome.ordinal();
    }

    private static TickerResult.Outcome outcome(long row) {
        return TickerResult.Outcome.values()[(int) (row & 0b11)];
    }

    private static boolean sameTicker(long row, long hash) {
        return row >>> OUTCOME_BITS == hash;
    }

    private long row(long line) {
        return line < rows.length ? rows[(int) line] : 0;
    }

    /**
     * A ticker's {@link #key} as a 61-bit hash, the part an index entry has room for: two different tickers share
     * one with a chance of about 1 in 2 * 10^18.
     */
    private static long hash(String ticker) {
        return MurmurHash3.hash128x64(key(ticker).getBytes(StandardCharsets.UTF_8))[0] >>> OUTCOME_BITS;
    }

    /**
     * A ticker as rows of any version and lines now compare: no BOM, no formula escape, nothing a line is trimmed
     * of now (rows written before no-break and zero-width spaces were trimmed kept them), upper case (rows written
     * before invalid lines were kept as written, and before a BOM was ignored, had them upper-cased).
     */
    private static String key(String ticker) {
        return TickerLines.trimmed(TickerLines.unescaped(ticker.replace("\uFEFF", ""))).toUpperCase(Locale.ROOT);
    }

    private static String movedFirst(TickerItem now, TickerResult.Outcome before) {
        return "line " + now.line() + " ('" + now.ticker() + "') is now " + kind(now.status())
                + " but the interrupted run's results.csv has it as " + before.label()
                + ": a line before it without a row changed, so the list changed";
    }

    private String mismatch(TickerItem now) {
        return "line " + now.line() + " is now '" + now.ticker() + "' but the interrupted run's results.csv has '"
                + tickerOnRow(now.line()) + "' there: the list changed";
    }

    /** The ticker of a line's row, for a message: read from the file, which the index does not keep. */
    private String tickerOnRow(long line) {
        String[] found = {"?"};
        try {
            forEachRow(csv, r -> {
                if (r.line() == line) {
                    found[0] = r.ticker();
                }
            });
        } catch (IOException | RuntimeException e) {
            // only a message's detail: the caller reports the changed list either way
        }
        return found[0];
    }

    private static String kind(TickerItem.Status status) {
        return switch (status) {
            case VALID -> "the first line of its ticker";
            case DUPLICATE -> "a duplicate of a line before it";
            case INVALID -> "invalid";
        };
    }

    /**
     * The list minus the lines that already have a row. Every line is still parsed (so duplicates of
     * earlier lines stay duplicates); a line whose ticker differs from its row means the list changed
     * since the interrupted run, and continuing would mix two lists: that stops the job.
     */
    <I extends Iterator<TickerItem> & Closeable> Remaining skipDone(I items, JobRun job) {
        return new Remaining(items, items, job);
    }

    /** The items still to do; stops early when the job is asked to stop (graceful shutdown). */
    final class Remaining implements Iterator<TickerItem>, Closeable {
        private final Iterator<TickerItem> items;
        private final Closeable source;
        private final JobRun job;
        private TickerItem next;

        private Remaining(Iterator<TickerItem> items, Closeable source, JobRun job) {
            this.items = items;
            this.source = source;
            this.job = job;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (job.isStopRequested() || !items.hasNext()) {
                    return false;
                }
                TickerItem item = items.next();
                long row = row(item.line());
                if (row == 0) {
                    next = item;
                } else if (!sameTicker(row, hash(item.ticker()))) {
                    // changedLine found none before the job: the file changed while the job ran
                    throw new ConfigException("quotaflow.tickers", mismatch(item)
                            + "; delete " + job.dir().resolve(JobRun.RESULTS) + " or set quotaflow.resume=false");
                }
            }
            return true;
        }

        @Override
        public TickerItem next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            TickerItem item = next;
            next = null;
            return item;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    private static boolean completed(Path summary) {
        if (!Files.isRegularFile(summary)) {
            return false;
        }
        try {
            JsonNode status = JSON.readTree(summary.toFile()).get("status");
            return status != null && "completed".equals(status.asText());
        } catch (IOException e) {
            return false; // unreadable summary: the run did not finish cleanly
        }
    }

    /**
     * A kill can land half way through writing a row. Everything after the last line break is cut off
     * the file itself, so the rows appended next start on a line of their own. Read from the end, a block at
     * a time: the file itself may be large.
     */
    private static void keepWholeRows(Path csv) throws IOException {
        try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(8192);
            long end = ch.size();
            long keep = 0;
            search:
            while (end > 0) {
                long from = Math.max(0, end - block.capacity());
                block.clear().limit((int) (end - from));
                while (block.hasRemaining() && ch.read(block, from + block.position()) >= 0) {
                    // read the whole block
                }
                for (int i = block.position() - 1; i >= 0; i--) {
                    if (block.get(i) == '\n') {
                        keep = from + i + 1;
                        break search;
                    }
                }
                end = from;
            }
            if (keep < ch.size()) {
                ch.truncate(keep);
            }
        }
    }

    /** Every row of a results.csv, in file order, parsed one at a time. */
    private static void forEachRow(Path csv, Consumer<TickerResult> each) throws IOException {
        // decoded leniently, as before (a byte that is not UTF-8 reads as U+FFFD instead of failing the resume)
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                each.accept(result(r));
            }
        }
    }

    private static TickerResult result(CSVRecord r) {
        if (!r.isConsistent() || !r.isMapped("reason")) {
            throw new IllegalArgumentException("row " + r.getRecordNumber() + " does not have the columns "
                    + String.join(",", ResultsCsv.COLUMNS));
        }
        TickerResult.Outcome outcome = field(r, "outcome", v -> TickerResult.Outcome.valueOf(v.toUpperCase(Locale.ROOT)),
                "ok, failed, invalid or duplicate");
        String price = r.get("price");
        if (outcome == TickerResult.Outcome.OK && price.isEmpty()
                || outcome == TickerResult.Outcome.FAILED && r.get("reason").isEmpty()) {
            throw new IllegalArgumentException("row " + r.getRecordNumber() + " (line " + r.get("line") + ") is '"
                    + r.get("outcome") + "' without its " + (price.isEmpty() ? "price" : "reason"));
        }
        return new TickerResult(field(r, "line", Long::parseLong, WHOLE), r.get("ticker"), outcome,
                field(r, "price", v -> v.isEmpty() ? null : new BigDecimal(v), "a number"),
                field(r, "http_status", v -> v.isEmpty() ? null : Integer.valueOf(v), WHOLE),
                field(r, "attempts", Integer::parseInt, WHOLE),
                field(r, "latency_ms", v -> v.isEmpty() ? null : Long.valueOf(v), WHOLE),
                blankToNull(r.get("reason")), blankToNull(r.get("error")));
    }

    private static final String WHOLE = "a whole number";

    /**
     * One column of a row, parsed: a value edited by hand is named with its row and column, where the parser's
     * own message ("For input string: \"one\"") left the operator to search a file of maybe a million rows.
     */
    private static <T> T field(CSVRecord r, String column, Function<String, T> parse, String expected) {
        String value = r.get(column);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) { // NumberFormatException too
            throw new IllegalArgumentException("row " + r.getRecordNumber() + " (line " + r.get("line") + ") has '"
                    + value + "' in column " + column + ", where " + expected + " belongs");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
