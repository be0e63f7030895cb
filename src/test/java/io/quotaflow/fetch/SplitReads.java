package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.function.Function;

/** What the UTF-16 and UTF-32 reader tests share: a reader's whole text, however bytes and chars are handed over. */
final class SplitReads {

    /** A reader of one byte order over a stream. */
    interface Decoder {
        Reader open(InputStream in, boolean bigEndian);
    }

    private SplitReads() {
    }

    /** {@code decoder} gives {@code decoded} from {@code encoded} in either byte order, for every size of read. */
    static void assertDecodedAlikeWhereverSplit(Decoder decoder, Function<Boolean, byte[]> encoded, String decoded)
            throws IOException {
        for (boolean bigEndian : new boolean[] {false, true}) {
            byte[] bytes = encoded.apply(bigEndian);
            for (int bytesPerRead : new int[] {1, 3, 8192}) {
                for (int charsPerRead : new int[] {1, 2, 7, 8192}) {
                    Reader reader = decoder.open(new Trickle(bytes, bytesPerRead), bigEndian);
                    assertThat(readAll(reader, charsPerRead))
                            .as("big endian %s, %d bytes, %d chars a read", bigEndian, bytesPerRead, charsPerRead)
                            .isEqualTo(decoded);
                }
            }
        }
    }

    static String readAll(Reader reader, int charsPerRead) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] chars = new char[charsPerRead];
        for (int n = reader.read(chars, 0, charsPerRead); n >= 0; n = reader.read(chars, 0, charsPerRead)) {
            assertThat(n).as("a read gives something until the end").isPositive();
            out.append(chars, 0, n);
        }
        assertThat(reader.read(chars, 0, charsPerRead)).as("still the end").isEqualTo(-1);
        return out.toString();
    }

    /** A stream that hands over at most {@code step} bytes a read, as a pipe or a slow disk may. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int step;

        Trickle(byte[] bytes, int step) {
            super(bytes);
            this.step = step;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, step));
        }
    }
}
