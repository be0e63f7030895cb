package io.quotaflow.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * UTF-32 (a list saved by an editor that offers it, after its byte order mark) decoded four bytes to one code
 * point, as a stream. A unit that is no code point (a surrogate, anything past U+10FFFF) and a last unit cut short
 * become one U+FFFD each, in their place, so only that line is invalid and every line end stays. Not Java's UTF-32
 * decoder: it passes surrogate units through as chars, so a lone one was no U+FFFD, and two units D83D DE00 (no
 * text in UTF-32) made a valid emoji. Units are four bytes apart whatever they hold, so no unit takes a line end
 * with it, as a bad one does in UTF-16 ({@link Utf16Reader}).
 */
final class Utf32Reader extends Reader {

    private static final int END = -1;
    private static final int NONE = -2;

    private final ByteFeed bytes;
    private final boolean bigEndian;
    /** The low half of a code point past U+FFFF whose high half was the last char given out. */
    private int low = NONE;

    Utf32Reader(InputStream in, boolean bigEndian) {
        this.bytes = new ByteFeed(in);
        this.bigEndian = bigEndian;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            if (low != NONE) {
                out[off + n++] = (char) low;
                low = NONE;
                continue;
            }
            int cp = next();
            if (cp == END) {
                break;
            }
            if (Character.isBmpCodePoint(cp)) {
                out[off + n++] = (char) cp;
            } else {
                out[off + n++] = Character.highSurrogate(cp);
                low = Character.lowSurrogate(cp);
            }
        }
        return n == 0 && len > 0 ? END : n;
    }

    /** The next code point, U+FFFD for a unit that is none, or {@link #END}. */
    private int next() throws IOException {
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int b = bytes.next();
            if (b < 0) {
                return i == 0 ? END : '\uFFFD'; // the end inside a unit: one U+FFFD, then the end
            }
            unit = bigEndian ? unit << 8 | b : unit | b << 8 * i;
        }
        // a negative unit is past U+10FFFF too
        boolean text = unit >= 0 && unit <= Character.MAX_CODE_POINT
                && !(unit >= Character.MIN_SURROGATE && unit <= Character.MAX_SURROGATE);
        return text ? unit : '\uFFFD';
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
