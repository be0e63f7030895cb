package io.quotaflow.fetch;

import io.quotaflow.config.ConfigException;
import io.quotaflow.config.HomeTilde;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The ticker list read as a stream: the split EIP pulls one {@link TickerItem} at a time, so a list
 * of a million lines never sits in memory. A list is UTF-8, or UTF-16 or UTF-32 after its byte order mark, alike
 * wherever it is read ({@link BoundedLines#of}); bytes that are not text in it become U+FFFD and make that line
 * invalid instead of failing the run. A file changed in place while it is read fails the read
 * ({@link UnchangedFile}). {@code classpath:} locations read the bundled lists.
 */
public final class TickerFile implements Iterator<TickerItem>, Closeable {

    private final BoundedLines reader;
    private final TickerLines lines;
    private long lineNo;
    private TickerItem next;
    private boolean closed;

    private TickerFile(BoundedLines reader, Pattern symbol) {
        this.reader = reader;
        this.lines = new TickerLines(symbol, reader.encoding());
    }

    public static TickerFile open(String location, Pattern symbol) {
        InputStream in = openStream(location);
        try {
            return new TickerFile(BoundedLines.of(in), symbol);
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new UncheckedIOException("reading the ticker list at line 1", e);
        }
    }

    /**
     * Counts the ticker lines (not blank, not comments) in one streaming pass, so progress can say
     * done/total from the start without holding the list; -1 if the list cannot be read.
     */
    public static long countTickerLines(String location) {
        try (InputStream in = openStream(location);
             BoundedLines r = BoundedLines.of(in)) {
            long count = 0;
            for (BoundedLines.Line raw = r.next(); raw != null; raw = r.next()) {
                count += TickerLines.text(raw.text(), raw.cut()) == null ? 0 : 1;
            }
            return count;
        } catch (IOException | UncheckedIOException | ConfigException e) {
            return -1;
        }
    }

    /**
     * At most how many lines the list has, without reading it: one more than its size in bytes (a bundled list is
     * small enough to count). Long.MAX_VALUE when that cannot be told.
     */
    public static long lineBound(String location) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = openStream(location)) {
                    return in.transferTo(OutputStream.nullOutputStream()) + 1;
                }
            }
            return Files.size(Path.of(location).toAbsolutePath()) + 1;
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Fails with a message naming the setting when the list cannot be read. */
    public static void check(String location) {
        try (InputStream in = openStream(location)) {
            in.available();
        } catch (IOException e) {
            throw new ConfigException("quotaflow.tickers", "cannot read '" + location + "': " + e.getMessage());
        }
    }

    private static InputStream openStream(String location) {
        String key = "quotaflow.tickers";
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = TickerFile.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new ConfigException(key, "no bundled list '" + name + "'");
            }
            return in;
        }
        Path path = Path.of(location).toAbsolutePath();
        if (Files.isDirectory(path)) {
            throw new ConfigException(key, "is a folder, not a ticker list: " + path);
        }
        if (!Files.exists(path)) {
            throw new ConfigException(key, "file not found: " + path + HomeTilde.hint(location));
        }
        if (!Files.isRegularFile(path)) {
            // a job reads its list more than once (counted, checked against a resumed run, then read)
            throw new ConfigException(key, "not a regular file (a pipe or device can be read only once): " + path);
        }
        if (!Files.isReadable(path)) {
            throw new ConfigException(key, "cannot read " + path + " (permission denied)");
        }
        try {
            return UnchangedFile.open(path);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + path + ": " + e.getMessage());
        }
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        try {
            while (next == null) {
                BoundedLines.Line raw = reader.next();
                if (raw == null) {
                    return false;
                }
                next = raw.cut() ? lines.parseCut(++lineNo, raw.text(), raw.length()) : lines.parse(++lineNo, raw.text());
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the ticker list at line " + (lineNo + 1), e);
        }
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
        closed = true;
        reader.close();
    }
}
