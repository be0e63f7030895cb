package io.quotaflow.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A stream's bytes one at a time, read in blocks: what {@link Utf16Reader} and {@link Utf32Reader} decode units from. */
final class ByteFeed implements Closeable {

    private final InputStream in;
    private final byte[] bytes = new byte[8192];
    private int pos;
    private int end;
    /** The stream has ended: not read again (after a unit cut short, the reader asks once more and gets the end). */
    private boolean ended;

    ByteFeed(InputStream in) {
        this.in = in;
    }

    /** The next byte (0 to 255), or -1 at the end. */
    int next() throws IOException {
        while (pos == end) {
            if (ended) {
                return -1;
            }
            end = in.read(bytes, 0, bytes.length);
            pos = 0;
            if (end < 0) {
                end = 0;
                ended = true;
            }
        }
        return bytes[pos++] & 0xFF;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
