package io.quotaflow.fetch;

import static io.quotaflow.fetch.SplitReads.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** UTF-16 decoded unit for unit, whatever sizes the file and the line reader hand over their parts in. */
class Utf16ReaderTest {

    private static final String TEXT = "AAPL\r\n\uD83D\uDE00\n\uD83D\nX\uDE00\uD83D\uD83D\uDE00\n"
            + "\u00E9".repeat(5000) + "\uD83D\uDE00";
    private static final String DECODED = "AAPL\r\n\uD83D\uDE00\n\uFFFD\nX\uFFFD\uFFFD\uD83D\uDE00\n"
            + "\u00E9".repeat(5000) + "\uD83D\uDE00";

    @Test
    void pairsAndLoneHalvesAreDecodedAlikeWhereverTheBytesAndCharsAreSplit() throws IOException {
        SplitReads.assertDecodedAlikeWhereverSplit(Utf16Reader::new, bigEndian -> encode(TEXT, bigEndian), DECODED);
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
}
