package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line ends as BufferedReader knows them, and a long line kept only up to its first MAX characters. */
class BoundedLinesTest {

    @Test
    void lineEndsAreThoseOfReadLine() throws IOException {
        assertThat(read("A\nB\r\nC\rD\n\nE")).containsExactly("A", "B", "C", "D", "", "E");
        assertThat(read("A\r\n")).containsExactly("A");
        assertThat(read("")).isEmpty();
        assertThat(read("\n")).containsExactly("");
    }

    @Test
    void aLongLineKeepsItsStartAndItsLengthAndTheNextLineIsWhole() throws IOException {
        String huge = "X".repeat(5 * BoundedLines.MAX) + "Y";
        try (BoundedLines lines = new BoundedLines(new StringReader("AAPL\n" + huge + "\r\nMSFT"))) {
            assertThat(lines.next().cut()).isFalse();
            BoundedLines.Line cut = lines.next();
            assertThat(cut.text()).hasSize(BoundedLines.MAX).isEqualTo("X".repeat(BoundedLines.MAX));
            assertThat(cut.length()).isEqualTo(huge.length());
            assertThat(cut.cut()).isTrue();
            assertThat(lines.next()).isEqualTo(new BoundedLines.Line("MSFT", 4));
            assertThat(lines.next()).isNull();
        }
    }

    private static List<String> read(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (BoundedLines lines = new BoundedLines(new StringReader(text))) {
            for (BoundedLines.Line l = lines.next(); l != null; l = lines.next()) {
                out.add(l.text());
            }
        }
        return out;
    }
}
