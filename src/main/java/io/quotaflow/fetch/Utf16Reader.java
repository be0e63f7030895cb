package io.quotaflow.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * UTF-16 (a list saved as Excel's "Unicode Text" or Notepad's "Unicode") decoded one code unit to one char, as a
 * stream. What is not UTF-16 (a surrogate without its other half, a last byte without its pair) becomes one U+FFFD
 * in its place, so only that line is invalid. Not Java's UTF-16 decoder: with REPLACE it counts the unit after a
 * lone high surrogate into the bad input, so a line end there vanished and two lines became one, every later line
 * number one off.
 */
final class Utf16Reader extends Reader {

    private static final int END = -1;
    /** A last byte without the other half of its code unit. */
    private static final int ODD = -2;
    private static final int NONE = -3;

    private final ByteFeed bytes;
    private final boolean bigEndian;
    /** A unit read to see whether it completes a pair, and to be decoded next. */
    private int ahead = NONE;
    /** The low half of a pair whose high half was the last char given out. */
    private int low = NONE;

    Utf16Reader(InputStream in, boolean bigEndian) {
        this.bytes = new ByteFeed(in);
        this.bigEndian = bigEndian;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        int n = 0;
        if (len > 0 && low != NONE) {
            out[off + n++] = (char) low;
            low = NONE;
        }
        while (n < len) {
            int unit = next();
            if (unit == END) {
                break;
            }
            out[off + n++] = decoded(unit);
            if (low != NONE && n < len) {
                out[off + n++] = (char) low;
                low = NONE;
            }
        }
        return n == 0 && len > 0 ? END : n;
    }

    /** A unit as the char it stands for; a high surrogate's low half, when it has one, is left in {@link #low}. */
    private char decoded(int unit) throws IOException {
        if (unit == ODD || Character.isLowSurrogate((char) unit)) {
            return '\uFFFD';
        }
        if (!Character.isHighSurrogate((char) unit)) {
            return (char) unit;
        }
        int after = next();
        if (after >= 0 && Character.isLowSurrogate((char) after)) {
            low = after;
            return (char) unit;
        }
        ahead = after; // a line end, say: decoded next, in its place
        return '\uFFFD';
    }

    /** The next code unit, {@link #ODD} or {@link #END}. */
    private int next() throws IOException {
        if (ahead != NONE) {
            int unit = ahead;
            ahead = unit == END ? END : NONE;
            return unit;
        }
        int first = bytes.next();
        if (first < 0) {
            return END;
        }
        int second = bytes.next();
        if (second < 0) {
            ahead = END;
            return ODD;
        }
        return bigEndian ? first << 8 | second : second << 8 | first;
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
