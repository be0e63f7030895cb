package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import org.junit.jupiter.api.Test;

/** UTF-16 decoded unit for unit, whatever sizes the file and the line reader hand over their parts in. */
class Utf16ReaderTest {

    private static final String TEXT = "AAPL\r\n\uD83D\uDE00\n\uD83D\nX\uDE00\uD83D\uD83D\uDE00\n"
            + "\u00E9".repeat(5000) + "\uD83D\uDE00";
    private static final String DECODED = "AAPL\r\n\uD83D\uDE00\n\uFFFD\nX\uFFFD\uFFFD\uD83D\uDE00\n"
            + "\u00E9".repeat(5000) + "\uD83D\uDE00";

    @Test
    void pairsAndLoneHalvesAreDecodedAlikeWhereverTheBytesAndCharsAreSplit() throws IOException {
        for (boolean bigEndian : new boolean[] {false, true}) {
            byte[] bytes = encode(TEXT, bigEndian);
            for (int bytesPerRead : new int[] {1, 3, 8192}) {
                for (int charsPerRead : new int[] {1, 2, 7, 8192}) {
                    Reader reader = new Utf16Reader(new Trickle(bytes, bytesPerRead), bigEndian);
                    assertThat(readAll(reader, charsPerRead))
                            .as("big endian %s, %d bytes, %d chars a read", bigEndian, bytesPerRead, charsPerRead)
                            .isEqualTo(DECODED);
                }
            }
        }
    }

    @Test
    void aLastByteWithoutItsPairIsOneReplacementAndThenTheEnd() throws IOException {
        byte[] odd = {'A', 0, 'B'};
        assertThat(readAll(new Utf16Reader(new ByteArrayInputStream(odd), false), 8192)).isEqualTo("A\uFFFD");
        byte[] highThenOdd = {0x3D, (byte) 0xD8, 'B'};
        assertThat(readAll(new Utf16Reader(new ByteArrayInputStream(highThenOdd), false), 8192)).isEqualTo("\uFFFD\uFFFD");
        assertThat(readAll(new Utf16Reader(new ByteArrayInputStream(new byte[] {0x3D, (byte) 0xD8}), false), 8192))
                .as("a high half at the end").isEqualTo("\uFFFD");
    }

    private static String readAll(Reader reader, int charsPerRead) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] chars = new char[charsPerRead];
        for (int n = reader.read(chars, 0, charsPerRead); n >= 0; n = reader.read(chars, 0, charsPerRead)) {
            assertThat(n).as("a read gives something until the end").isPositive();
            out.append(chars, 0, n);
        }
        assertThat(reader.read(chars, 0, charsPerRead)).as("still the end").isEqualTo(-1);
        return out.toString();
    }

    /** Code unit by code unit: String.getBytes writes '?' for a lone surrogate. */
    private static byte[] encode(String text, boolean bigEndian) {
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes[2 * i + (bigEndian ? 1 : 0)] = (byte) c;
            bytes[2 * i + (bigEndian ? 0 : 1)] = (byte) (c >> 8);
        }
        return bytes;
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
