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

    /** In a pattern for {@link #matches}: any byte but 0. */
    private static final int NON_ZERO = -1;

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
     * A list's lines, in UTF-32 or UTF-16 when the list starts with its byte order mark (00 00 FE FF UTF-32 big
     * endian, FF FE 00 00 UTF-32 little endian, FE FF UTF-16 big endian, FF FE UTF-16 little endian: FE and FF are
     * never UTF-8, so no UTF-8 list is taken for one), or without a mark when NULs sit between its first characters
     * as they do in those encodings, else in UTF-8. FF FE 00 00 is also a UTF-16LE mark before a
     * NUL, which no list starts with: it is UTF-32, as every reader that tells the two apart takes it. The mark
     * stays in the text, as a UTF-8 one does ({@link TickerLines} drops it), so all encodings give the same lines.
     * What is not text in the encoding becomes U+FFFD (that line is then invalid), never an error.
     */
    static BoundedLines of(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] start = new byte[4];
        int n = 0;
        for (int r = 0; n < 4 && r >= 0; ) {
            r = in.read(start, n, 4 - n);
            n += Math.max(r, 0);
        }
        in.unread(start, 0, n);
        if (matches(start, n, 0x00, 0x00, 0xFE, 0xFF)) {
            return new BoundedLines(new Utf32Reader(in, true), "UTF-32BE");
        }
        if (matches(start, n, 0xFF, 0xFE, 0x00, 0x00)) {
            return new BoundedLines(new Utf32Reader(in, false), "UTF-32LE");
        }
        if (matches(start, n, 0xFF, 0xFE)) {
            return new BoundedLines(new Utf16Reader(in, false), "UTF-16LE");
        }
        if (matches(start, n, 0xFE, 0xFF)) {
            return new BoundedLines(new Utf16Reader(in, true), "UTF-16BE");
        }
        // no mark: a list of ASCII symbols saved as UTF-16 or UTF-32 without one (.NET's Encoding.Unicode, iconv
        // -t UTF-16LE) starts with NULs between its characters, which no UTF-8 text has (RFC 4627 told JSON's
        // encodings apart the same way)
        if (matches(start, n, NON_ZERO, 0x00, 0x00, 0x00)) {
            return new BoundedLines(new Utf32Reader(in, false), "UTF-32LE");
        }
        if (matches(start, n, 0x00, 0x00, 0x00, NON_ZERO)) {
            return new BoundedLines(new Utf32Reader(in, true), "UTF-32BE");
        }
        if (matches(start, n, NON_ZERO, 0x00, NON_ZERO, 0x00) || n == 2 && matches(start, n, NON_ZERO, 0x00)) {
            return new BoundedLines(new Utf16Reader(in, false), "UTF-16LE");
        }
        if (matches(start, n, 0x00, NON_ZERO, 0x00, NON_ZERO) || n == 2 && matches(start, n, 0x00, NON_ZERO)) {
            return new BoundedLines(new Utf16Reader(in, true), "UTF-16BE");
        }
        return new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), "UTF-8");
    }

    /** Whether the first {@code n} bytes read start with {@code pattern}: each a byte's value, or {@link #NON_ZERO}. */
    private static boolean matches(byte[] start, int n, int... pattern) {
        if (n < pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            int b = start[i] & 0xFF;
            if (pattern[i] == NON_ZERO ? b == 0 : b != pattern[i]) {
                return false;
            }
        }
        return true;
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
