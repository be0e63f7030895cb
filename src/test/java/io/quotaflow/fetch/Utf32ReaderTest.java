package io.quotaflow.fetch;

import static io.quotaflow.fetch.SplitReads.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
        SplitReads.assertDecodedAlikeWhereverSplit(Utf32Reader::new, bigEndian -> encode(UNITS, bigEndian), DECODED);
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

    /** Unit by unit, any 32-bit value: the JDK's encoder writes no surrogate units and nothing past U+10FFFF. */
    private static byte[] encode(int[] units, boolean bigEndian) {
        ByteBuffer bytes = ByteBuffer.allocate(units.length * 4).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int unit : units) {
            bytes.putInt(unit);
        }
        return bytes.array();
    }
}
