package io.quotaflow.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
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
    private final String encoding;
    private final char[] buffer = new char[8192];
    private final StringBuilder kept = new StringBuilder();
    private int pos;
    private int end;
    private boolean skipLineFeed;

    BoundedLines(Reader in) {
        this(in, "UTF-8");
    }

    private BoundedLines(Reader in, String encoding) {
        this.in = in;
        this.encoding = encoding;
    }

    /**
     * A list's lines, in UTF-16 when the list starts with a UTF-16 byte order mark (FF FE little endian, FE FF big
     * endian: neither byte is ever UTF-8, so no UTF-8 list is taken for one), else in UTF-8. The mark stays in
     * the text, as a UTF-8 one does ({@link TickerLines} drops it), so all encodings give the same lines. What is
     * not text in the encoding becomes U+FFFD (that line is then invalid), never an error.
     */
    static BoundedLines of(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] start = new byte[2];
        int n = 0;
        for (int r = 0; n < 2 && r >= 0; ) {
            r = in.read(start, n, 2 - n);
            n += Math.max(r, 0);
        }
        in.unread(start, 0, n);
        if (n == 2 && (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE) {
            return new BoundedLines(new Utf16Reader(in, false), "UTF-16LE");
        }
        if (n == 2 && (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF) {
            return new BoundedLines(new Utf16Reader(in, true), "UTF-16BE");
        }
        return new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), "UTF-8");
    }

    /** The encoding the lines are read in, as a reason for a line that is not text in it names it. */
    String encoding() {
        return encoding;
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
