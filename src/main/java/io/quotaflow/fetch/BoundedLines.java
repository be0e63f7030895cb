package io.quotaflow.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()} ({@code \n}, {@code \r} or {@code \r\n}), but keeps
 * at most {@link #MAX} characters of each and only counts the rest. A list is read as a stream so that its size
 * does not matter; one line without an end (a binary file given by mistake) must not undo that.
 */
final class BoundedLines implements Closeable {

    /** Far beyond any ticker, and enough to show what a bad line holds. */
    static final int MAX = 1000;

    /** The first {@link #MAX} characters of a line and its whole length. */
    record Line(String text, long length) {
        boolean cut() {
            return length > text.length();
        }
    }

    private final Reader in;
    private final char[] buffer = new char[8192];
    private final StringBuilder kept = new StringBuilder();
    private int pos;
    private int end;
    private boolean skipLineFeed;

    BoundedLines(Reader in) {
        this.in = in;
    }

    /** A list's lines: bytes that are not UTF-8 become U+FFFD (that line is then invalid), never an error. */
    static BoundedLines utf8(InputStream in) {
        return new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        kept.setLength(0);
        long length = 0;
        boolean started = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return started ? new Line(kept.toString(), length) : null;
                }
            }
            char c = buffer[pos++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue; // the second half of \r\n
                }
            }
            started = true;
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                return new Line(kept.toString(), length);
            }
            if (kept.length() < MAX) {
                kept.append(c);
            }
            length++;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
