package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** UTF-32 decoded unit for unit, whatever sizes the file and the line reader hand over their parts in. */
class Utf32ReaderTest {

    /** Code points and units that are none: surrogates (alone and as a UTF-16 pair), past U+10FFFF, negative. */
    private static final int[] UNITS = units();
    private static final String DECODED = "AAPL\r\n\uD83D\uDE00\n\uFFFD\nX\uFFFD\uFFFD\uD83D\uDE00\n\uFFFD\uFFFD\uFFFDZ\n"
            + "\u00E9".repeat(5000) + "\uDBFF\uDFFF";

    private static int[] units() {
        int[] lines = {'A', 'A', 'P', 'L', '\r', '\n', 0x1F600, '\n', 0xD83D, '\n', 'X', 0xD83D, 0xDE00, 0x1F600, '\n',
            0x110000, 0x0100000A, 0xFFFFFFFF, 'Z', '\n'};
        // past the reader's 8 KiB buffer, so units are met across its refills
        return IntStream.concat(IntStream.of(lines), IntStream.concat(IntStream.generate(() -> 0xE9).limit(5000),
                IntStream.of(0x10FFFF))).toArray();
    }

    @Test
    void codePointsAndUnitsThatAreNoneAreDecodedAlikeWhereverTheBytesAndCharsAreSplit() throws IOException {
        for (boolean bigEndian : new boolean[] {false, true}) {
            byte[] bytes = encode(UNITS, bigEndian);
            for (int bytesPerRead : new int[] {1, 3, 8192}) {
                for (int charsPerRead : new int[] {1, 2, 7, 8192}) {
                    Reader reader = new Utf32Reader(new Trickle(bytes, bytesPerRead), bigEndian);
                    assertThat(readAll(reader, charsPerRead))
                            .as("big endian %s, %d bytes, %d chars a read", bigEndian, bytesPerRead, charsPerRead)
                            .isEqualTo(DECODED);
                }
            }
        }
    }

    @Test
    void aLastUnitCutShortIsOneReplacementAndThenTheEnd() throws IOException {
        for (int extra = 1; extra <= 3; extra++) {
            byte[] bytes = java.util.Arrays.copyOf(encode(new int[] {'A', '\n'}, false), 8 + extra);
            assertThat(readAll(new Utf32Reader(new ByteArrayInputStream(bytes), false), 8192)).as(extra + " bytes over")
                    .isEqualTo("A\n\uFFFD");
        }
        assertThat(readAll(new Utf32Reader(new ByteArrayInputStream(new byte[0]), true), 8192)).isEmpty();
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

    /** Unit by unit, any 32-bit value: the JDK's encoder writes no surrogate units and nothing past U+10FFFF. */
    private static byte[] encode(int[] units, boolean bigEndian) {
        ByteBuffer bytes = ByteBuffer.allocate(units.length * 4).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int unit : units) {
            bytes.putInt(unit);
        }
        return bytes.array();
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
