package io.quotaflow.summary;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * results.csv, one row per input line, in the order outcomes arrive (the line column gives file
 * order). Rows are flushed as they are written so an interrupted run keeps what it has: that file is
 * the journal a resumed run continues from ({@link io.quotaflow.job.ResumeJournal}). The last column,
 * reason, is the failure category the summary counts, so a resumed summary can count earlier rows.
 * Closing forces the file to the disk: the job's summary.json, renamed into place after it, says the run is
 * complete, and must never survive a power loss that the rows it counts did not.
 */
public final class ResultsCsv implements Closeable {

    public static final String[] COLUMNS = {"line", "ticker", "outcome", "price", "http_status", "attempts",
        "latency_ms", "error", "reason"};

    private final Path file;
    private final FileChannel channel;
    private final CSVPrinter printer;
    private boolean closed;

    /** @param append true to add rows to the results.csv of an interrupted run (its header is already there) */
    public ResultsCsv(Path file, boolean append) {
        this.file = file;
        try {
            // An OutputStreamWriter writes a character UTF-8 cannot encode (a lone surrogate) as '?';
            // Files.newBufferedWriter would throw, and one odd row would fail the whole job.
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8));
            this.printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS)
                    .setSkipHeaderRecord(append).get());
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** @return false when the file was already closed (the job ended): the row was not written */
    public synchronized boolean write(TickerResult r) {
        if (closed) {
            return false;
        }
        try {
            printer.printRecord(r.line(), r.ticker(), r.outcome().label(),
                    r.price() == null ? "" : r.price().toPlainString(),
                    r.httpStatus() == null ? "" : r.httpStatus(),
                    r.attempts(),
                    r.latencyMs() == null ? "" : r.latencyMs(),
                    r.error() == null ? "" : r.error(),
                    r.reason() == null ? "" : r.reason());
            printer.flush();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            printer.flush();
            channel.force(false);
        } finally {
            printer.close();
        }
    }
}
