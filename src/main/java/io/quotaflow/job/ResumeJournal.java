package io.quotaflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.config.ConfigException;
import io.quotaflow.fetch.TickerFile;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.fetch.TickerLines;
import io.quotaflow.summary.ResultsCsv;
import io.quotaflow.summary.SummaryFiles;
import io.quotaflow.summary.TickerResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    private final Map<Long, TickerResult> done;
    private final List<TickerResult> earlier;

    private ResumeJournal(List<TickerResult> earlier) {
        this.earlier = earlier;
        this.done = new HashMap<>();
        earlier.forEach(r -> done.put(r.line(), r));
    }

    /** Nothing to continue: a fresh job. */
    public static ResumeJournal none() {
        return new ResumeJournal(List.of());
    }

    /** Reads what an interrupted run in {@code dir} left, or {@link #none()} when there is nothing to continue. */
    public static ResumeJournal load(Path dir, boolean resume) {
        Path csv = dir.resolve(JobRun.RESULTS);
        if (!resume || !Files.isRegularFile(csv) || completed(dir.resolve(SummaryFiles.SUMMARY))) {
            return none();
        }
        try {
            String text = keepWholeRows(csv);
            if (text.isEmpty()) {
                return none();
            }
            List<TickerResult> rows = new ArrayList<>();
            try (Reader in = new StringReader(text)) {
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    rows.add(result(r));
                }
            }
            return new ResumeJournal(rows);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("quotaflow.resume", "cannot continue from " + csv + " (" + e.getMessage()
                    + "); delete it or set quotaflow.resume=false to start over");
        }
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
        long lastRow = Collections.max(done.keySet());
        Set<Long> matched = new HashSet<>();
        Map<String, Long> firstNow = new HashMap<>();
        try (TickerFile list = TickerFile.open(tickers, symbol)) {
            while (list.hasNext()) {
                TickerItem item = list.next();
                if (item.line() > lastRow) {
                    break;
                }
                if (item.isValid()) {
                    firstNow.putIfAbsent(key(item.ticker()), item.line());
                }
                TickerResult before = done.get(item.line());
                if (before != null && !sameText(before.ticker(), item.ticker())) {
                    return Optional.of(mismatch(item, before));
                }
                if (before != null && !sameKind(before, item, firstNow)) {
                    return Optional.of(movedFirst(item, before));
                }
                if (before != null) {
                    matched.add(item.line());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tickers, e);
        }
        if (matched.size() < done.size()) {
            long gone = done.keySet().stream().filter(l -> !matched.contains(l)).min(Long::compare).orElse(lastRow);
            return Optional.of("the list now has no ticker on line " + gone
                    + ", where the interrupted run's results.csv has '" + done.get(gone).ticker() + "': the list changed");
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
    private boolean sameKind(TickerResult row, TickerItem now, Map<String, Long> firstNow) {
        boolean wasFetched = row.outcome() == TickerResult.Outcome.OK || row.outcome() == TickerResult.Outcome.FAILED;
        if (wasFetched && now.status() == TickerItem.Status.DUPLICATE) {
            Long first = firstNow.get(key(now.ticker()));
            return first != null && done.containsKey(first);
        }
        if (row.outcome() == TickerResult.Outcome.DUPLICATE && now.isValid()) {
            return done.values().stream().anyMatch(r -> r.line() < now.line()
                    && r.outcome() != TickerResult.Outcome.DUPLICATE && key(r.ticker()).equals(key(now.ticker())));
        }
        return true;
    }

    /** A ticker as rows of any version and lines now compare: no BOM, no formula escape, upper case. */
    private static String key(String ticker) {
        return TickerLines.unescaped(ticker.replace("\uFEFF", "")).toUpperCase(Locale.ROOT);
    }

    /**
     * A row's ticker against the line's now. Also equal when they differ only in case, a byte order mark or a
     * leading ': rows written before invalid lines were kept as written (and before a BOM was ignored, and
     * before a formula-like line got its ') had them upper-cased.
     */
    private static boolean sameText(String row, String now) {
        return row.equals(now) || TickerLines.unescaped(row.replace("\uFEFF", ""))
                .equalsIgnoreCase(TickerLines.unescaped(now.replace("\uFEFF", "")));
    }

    private static String movedFirst(TickerItem now, TickerResult before) {
        return "line " + now.line() + " ('" + now.ticker() + "') is now " + kind(now.status())
                + " but the interrupted run's results.csv has it as " + before.outcome().label()
                + ": a line before it without a row changed, so the list changed";
    }

    private static String mismatch(TickerItem now, TickerResult before) {
        return "line " + now.line() + " is now '" + now.ticker() + "' but the interrupted run's results.csv has '"
                + before.ticker() + "' there: the list changed";
    }

    private static String kind(TickerItem.Status status) {
        return switch (status) {
            case VALID -> "the first line of its ticker";
            case DUPLICATE -> "a duplicate of a line before it";
            case INVALID -> "invalid";
        };
    }

    /** Rows of the interrupted run, to seed the new run's summary. */
    public List<TickerResult> earlier() {
        return earlier;
    }

    public boolean isEmpty() {
        return earlier.isEmpty();
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
                TickerResult before = done.get(item.line());
                if (before == null) {
                    next = item;
                } else if (!sameText(before.ticker(), item.ticker())) {
                    // changedLine found none before the job: the file changed while the job ran
                    throw new ConfigException("quotaflow.tickers", mismatch(item, before)
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
     * the file itself, so the rows appended next start on a line of their own.
     */
    private static String keepWholeRows(Path csv) throws IOException {
        byte[] bytes = Files.readAllBytes(csv);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
        return new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
    }

    private static TickerResult result(CSVRecord r) {
        if (!r.isConsistent() || !r.isMapped("reason")) {
            throw new IllegalArgumentException("row " + r.getRecordNumber() + " does not have the columns "
                    + String.join(",", ResultsCsv.COLUMNS));
        }
        TickerResult.Outcome outcome = TickerResult.Outcome.valueOf(r.get("outcome").toUpperCase(Locale.ROOT));
        String price = r.get("price");
        String status = r.get("http_status");
        String latency = r.get("latency_ms");
        if (outcome == TickerResult.Outcome.OK && price.isEmpty()
                || outcome == TickerResult.Outcome.FAILED && r.get("reason").isEmpty()) {
            throw new IllegalArgumentException("row " + r.getRecordNumber() + " (line " + r.get("line") + ") is '"
                    + r.get("outcome") + "' without its " + (price.isEmpty() ? "price" : "reason"));
        }
        return new TickerResult(Long.parseLong(r.get("line")), r.get("ticker"), outcome,
                price.isEmpty() ? null : new BigDecimal(price),
                status.isEmpty() ? null : Integer.valueOf(status),
                Integer.parseInt(r.get("attempts")),
                latency.isEmpty() ? null : Long.valueOf(latency),
                blankToNull(r.get("reason")), blankToNull(r.get("error")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
