package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quotaflow.config.ConfigException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a ticker list is read, counted and measured, and what a location that is no readable file says. */
class TickerFileTest {

    private static final Pattern SYMBOL = Pattern.compile(TickerLines.DEFAULT_SYMBOL);
    private static final String BUNDLED = "classpath:tickers/demo-500.txt";

    /** A list as Windows tools write it: a mark, a header comment, CRLF, a blank, a long line, a pair, a repeat. */
    private static final String SAMPLE = "\uFEFF# header\r\n\r\naapl\r\n  MSFT\t\r\n" + "X".repeat(1500)
            + "\r\n\uD83D\uDE00\r\nAAPL";

    @TempDir
    Path dir;

    @Test
    void aPipeIsRefusedAsSuchNotAsAMissingFile() throws Exception {
        // a list is read several times (counted, checked against a resumed run, read): a pipe
        // (-Dquotaflow.tickers=<(cmd), /dev/stdin) gives its lines once; it read "file not found" though it exists
        Path fifo = dir.resolve("list.fifo");
        int made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            made = -1;
        }
        Assumptions.assumeTrue(made == 0 && Files.exists(fifo), "mkfifo is not available");
        assertThatThrownBy(() -> TickerFile.check(fifo.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a regular file (a pipe or device can be read only once): " + fifo)
                .hasMessageNotContaining("not found");
    }

    @Test
    void theListIsReadInFileOrderWithoutBlanksAndCommentsAndThenEnds() throws Exception {
        Path list = Files.writeString(dir.resolve("list.txt"),
                "\uFEFF# header\n\nAAPL\r\n  msft \n" + "X".repeat(1500) + "\naapl\n");
        try (TickerFile file = TickerFile.open(list.toString(), SYMBOL)) {
            List<TickerItem> items = new ArrayList<>();
            file.forEachRemaining(items::add);

            assertThat(items).extracting(TickerItem::line, TickerItem::ticker, TickerItem::status).containsExactly(
                    tuple(3L, "AAPL", TickerItem.Status.VALID),
                    tuple(4L, "MSFT", TickerItem.Status.VALID),
                    tuple(5L, "X".repeat(40) + "\u2026", TickerItem.Status.INVALID),
                    tuple(6L, "AAPL", TickerItem.Status.DUPLICATE));
            assertThat(items.get(2).reason()).startsWith("line too long (1500 characters");
            assertThat(file.hasNext()).isFalse();
            assertThatThrownBy(file::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    /** {@link #SAMPLE}'s lines, whatever the encoding; a character past U+FFFF is one (a pair, or a UTF-32 unit). */
    private static void assertReadsTheSample(Path list, Charset charset) throws Exception {
        assertThat(items(list)).as(charset.name())
                .extracting(TickerItem::line, TickerItem::ticker, TickerItem::status).containsExactly(
                        tuple(3L, "AAPL", TickerItem.Status.VALID),
                        tuple(4L, "MSFT", TickerItem.Status.VALID),
                        tuple(5L, "X".repeat(40) + "\u2026", TickerItem.Status.INVALID),
                        tuple(6L, "\uD83D\uDE00", TickerItem.Status.INVALID),
                        tuple(7L, "AAPL", TickerItem.Status.DUPLICATE));
        assertThat(items(list).get(3).reason()).as(charset.name()).contains("(U+1F600, not ASCII)");
        assertThat(TickerFile.countTickerLines(list.toString())).as(charset.name()).isEqualTo(5);
    }

    @Test
    void aListSavedAsUtf16WithItsByteOrderMarkIsReadAsTheSameLines() throws Exception {
        // Excel's "Unicode Text" and Notepad's "Unicode" write UTF-16LE after FF FE, "Unicode big endian" UTF-16BE
        // after FE FF: read as UTF-8, every line was invalid
                for (Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Path list = Files.write(dir.resolve(utf16 + ".txt"), SAMPLE.getBytes(utf16));
            assertReadsTheSample(list, utf16);
        }
    }

    @Test
    void badUtf16MakesOnlyItsOwnLineInvalidAndKeepsTheLineNumbers() throws Exception {
        // a high surrogate before a line end, a low one alone, and an odd last byte; Java's own UTF-16 decoder
        // takes the line end after a high surrogate into its replacement, which would join two lines
        byte[] list = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                utf16le("AAPL\n\uD83D\nMSFT\nX\uDE00\nIBM\n"), new byte[] {'K'});
        Path file = Files.write(dir.resolve("bad16.txt"), list);
        List<TickerItem> items = items(file);
        assertThat(items).extracting(TickerItem::line, TickerItem::ticker).containsExactly(
                tuple(1L, "AAPL"), tuple(2L, "\uFFFD"), tuple(3L, "MSFT"), tuple(4L, "X\uFFFD"), tuple(5L, "IBM"),
                tuple(6L, "\uFFFD"));
        for (int i : new int[] {1, 3, 5}) {
            assertThat(items.get(i).reason()).as("line " + items.get(i).line()).isEqualTo("not valid UTF-16LE text");
        }
        assertThat(TickerFile.countTickerLines(file.toString())).isEqualTo(6);
    }

    @Test
    void aListSavedAsUtf32WithItsByteOrderMarkIsReadAsTheSameLines() throws Exception {
        // FF FE 00 00 (UTF-32LE) starts with the UTF-16LE mark: read as UTF-16, every line was invalid (a NUL in it)
        // and each \r\n gave one more; 00 00 FE FF (UTF-32BE) was read as UTF-8, every line invalid too
                for (Charset utf32 : List.of(Charset.forName("UTF-32LE"), Charset.forName("UTF-32BE"))) {
            Path list = Files.write(dir.resolve(utf32 + ".txt"), SAMPLE.getBytes(utf32));
            assertReadsTheSample(list, utf32);
        }
    }

    @Test
    void aListSavedAsUtf16OrUtf32WithoutAByteOrderMarkIsReadAsTheSameLines() throws Exception {
        // .NET's Encoding.Unicode and iconv -t UTF-16LE write no mark: read as UTF-8, every line was invalid
        // ("contains an invisible character (U+0000)") and the line numbers of the little-endian ones were off by one
                for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                Charset.forName("UTF-32LE"), Charset.forName("UTF-32BE"))) {
            Path list = Files.write(dir.resolve(charset + "-nobom.txt"), SAMPLE.substring(1).getBytes(charset));
            assertReadsTheSample(list, charset);
        }
        Path one = Files.write(dir.resolve("one-nobom.txt"), "K".getBytes(StandardCharsets.UTF_16BE));
        assertThat(items(one)).extracting(TickerItem::ticker, TickerItem::status)
                .as("a list of one letter").containsExactly(tuple("K", TickerItem.Status.VALID));
        // a UTF-8 list with a NUL early on is still UTF-8: the NUL makes its own line invalid, no other
        Path nul = Files.write(dir.resolve("nul.txt"), new byte[] {'A', 0, '\n', 'I', 'B', 'M', '\n'});
        assertThat(items(nul)).extracting(TickerItem::line, TickerItem::status).containsExactly(
                tuple(1L, TickerItem.Status.INVALID), tuple(2L, TickerItem.Status.VALID));
    }

    @Test
    void badUtf32MakesOnlyItsOwnLineInvalidAndKeepsTheLineNumbers() throws Exception {
        // a surrogate unit before a line end, a pair written as two units (UTF-32 has no pairs: Java's own decoder
        // passes surrogate units through as chars, so these two made a valid emoji), a unit past U+10FFFF, one with
        // the line feed in its low byte, and a last unit cut short
        for (boolean bigEndian : new boolean[] {false, true}) {
            byte[] list = concat(utf32(bigEndian, 0xFEFF, 'A', 'A', 'P', 'L', '\n', 0xD83D, '\n', 'M', 'S', 'F', 'T', '\n',
                    'X', 0xD83D, 0xDE00, '\n', 0x110000, '\n', 0x0100000A, 'Y', '\n', 'I', 'B', 'M', '\n'), new byte[] {'K', 0});
            Path file = Files.write(dir.resolve("bad32.txt"), list);
            List<TickerItem> items = items(file);
            assertThat(items).as("big endian " + bigEndian).extracting(TickerItem::line, TickerItem::ticker).containsExactly(
                    tuple(1L, "AAPL"), tuple(2L, "\uFFFD"), tuple(3L, "MSFT"), tuple(4L, "X\uFFFD\uFFFD"), tuple(5L, "\uFFFD"),
                    tuple(6L, "\uFFFDY"), tuple(7L, "IBM"), tuple(8L, "\uFFFD"));
            for (int i : new int[] {1, 3, 4, 5, 7}) {
                assertThat(items.get(i).reason()).as("line " + items.get(i).line())
                        .isEqualTo(bigEndian ? "not valid UTF-32BE text" : "not valid UTF-32LE text");
            }
            assertThat(TickerFile.countTickerLines(file.toString())).isEqualTo(8);
        }
    }

    @Test
    void withoutAUtf16ByteOrderMarkAListIsUtf8AndOtherBytesAreNamedAsNotUtf8() throws Exception {
        // Windows-1252: 0x80 is the euro sign there, no character in UTF-8
        Path cp1252 = Files.write(dir.resolve("cp1252.txt"), new byte[] {'A', 'A', 'P', 'L', '\n', 'E', 'U', (byte) 0x80, '\n'});
        assertThat(items(cp1252)).extracting(TickerItem::line, TickerItem::status, TickerItem::reason).containsExactly(
                tuple(1L, TickerItem.Status.VALID, null), tuple(2L, TickerItem.Status.INVALID, "not valid UTF-8 text"));
        // FE FF or FF FE after the first bytes is no byte order mark
        Path late = Files.write(dir.resolve("late.txt"), new byte[] {'A', '\n', (byte) 0xFF, (byte) 0xFE, 'B', '\n'});
        assertThat(items(late)).extracting(TickerItem::reason).containsExactly(null, "not valid UTF-8 text");
    }

    @Test
    void aListThatIsOnlyAByteOrderMarkHasNoLines() throws Exception {
        for (byte[] bom : List.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0},
                new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF})) {
            Path list = Files.write(dir.resolve("bom.txt"), bom);
            assertThat(items(list)).isEmpty();
            assertThat(TickerFile.countTickerLines(list.toString())).isZero();
        }
        Path one = Files.write(dir.resolve("one.txt"), new byte[] {(byte) 0xFF});
        assertThat(items(one)).extracting(TickerItem::reason).as("a single byte is no mark").containsExactly("not valid UTF-8 text");
    }

    @Test
    void aClosedListHasNoMoreLinesAndItsFileIsClosed() throws Exception {
        Path list = Files.writeString(dir.resolve("open.txt"), "AAPL\nMSFT\n");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd to count open files by");
        TickerFile file = TickerFile.open(list.toString(), SYMBOL);
        assertThat(file.next().ticker()).isEqualTo("AAPL");
        assertThat(openHandles(list)).isEqualTo(1);

        file.close();

        assertThat(file.hasNext()).as("not an error of a closed stream").isFalse();
        // a scheduled job opens its list every run: a handle left open per job runs out
        assertThat(openHandles(list)).isZero();
    }

    @Test
    void aListChangedInPlaceWhileReadFailsNamingTheLineBeingRead() throws Exception {
        // more than the reader buffers at once, so the change is met by a later read of the file
        Path list = Files.write(dir.resolve("edited.txt"),
                IntStream.rangeClosed(1, 5000).mapToObj(i -> "A" + i).toList());
        try (TickerFile file = TickerFile.open(list.toString(), SYMBOL)) {
            assertThat(file.next().ticker()).isEqualTo("A1");
            Files.writeString(list, "B1\nB2\n"); // an editor saving in place: truncate, then write

            int[] read = {1};
            assertThatThrownBy(() -> file.forEachRemaining(item -> read[0]++)).isInstanceOf(UncheckedIOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isEqualTo("reading the ticker list at line " + (read[0] + 1)))
                    .cause().hasMessageContaining("changed while the job read it");
            assertThat(read[0]).as("stopped before the end of either version").isBetween(2, 4999);
        }
    }

    @Test
    void theUpFrontCountIsOfTickerLinesOnly() throws Exception {
        Path list = Files.writeString(dir.resolve("count.txt"),
                "\uFEFF# header\n\nAAPL\n# comment\nMSFT\nAAPL\n" + " ".repeat(1200) + "\n&bad\n");
        // a duplicate and an invalid line are rows too; a line too long to keep is one even when only blanks are kept
        assertThat(TickerFile.countTickerLines(list.toString())).isEqualTo(5);
        assertThat(TickerFile.countTickerLines(dir.resolve("missing.txt").toString())).isEqualTo(-1);
        assertThat(TickerFile.countTickerLines(BUNDLED)).isEqualTo(bundledTickerLines());
    }

    @Test
    void theLineBoundIsOneMoreThanTheSizeInBytes() throws Exception {
        Path list = Files.writeString(dir.resolve("bound.txt"), "AAPL\nMSFT");
        assertThat(TickerFile.lineBound(list.toString())).isEqualTo(10);
        assertThat(TickerFile.lineBound(BUNDLED)).isEqualTo(bundled().length + 1L);
        assertThat(TickerFile.lineBound(dir.resolve("missing.txt").toString())).isEqualTo(Long.MAX_VALUE);
        assertThat(TickerFile.lineBound("classpath:tickers/missing.txt")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aBundledListIsReadFromTheClassPathWithOrWithoutALeadingSlash() throws Exception {
        for (String location : List.of(BUNDLED, "classpath:/tickers/demo-500.txt")) {
            try (TickerFile file = TickerFile.open(location, SYMBOL)) {
                long items = 0;
                for (; file.hasNext(); items++) {
                    assertThat(file.next().isValid()).isTrue();
                }
                assertThat(items).as(location).isEqualTo(bundledTickerLines());
            }
        }
        assertThatThrownBy(() -> TickerFile.check("classpath:tickers/nasdaq.txt")).isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.tickers: no bundled list 'tickers/nasdaq.txt'");
    }

    @Test
    void aMissingListOrAFolderIsASettingErrorNamingThePath() {
        Path missing = dir.resolve("missing.txt").toAbsolutePath();
        assertThatThrownBy(() -> TickerFile.check(missing.toString())).isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.tickers: file not found: " + missing);
        assertThatThrownBy(() -> TickerFile.check(dir.toString())).isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.tickers: is a folder, not a ticker list: " + dir.toAbsolutePath());
    }

    private static List<TickerItem> items(Path list) throws Exception {
        try (TickerFile file = TickerFile.open(list.toString(), SYMBOL)) {
            List<TickerItem> items = new ArrayList<>();
            file.forEachRemaining(items::add);
            return items;
        }
    }

    /** Code unit by code unit: String.getBytes writes '?' for a lone surrogate. */
    private static byte[] utf16le(String text) {
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            bytes[2 * i] = (byte) text.charAt(i);
            bytes[2 * i + 1] = (byte) (text.charAt(i) >> 8);
        }
        return bytes;
    }

    /** Unit by unit, any 32-bit value: the JDK's encoder writes no surrogate units and nothing past U+10FFFF. */
    private static byte[] utf32(boolean bigEndian, int... units) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(units.length * 4)
                .order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int unit : units) {
            bytes.putInt(unit);
        }
        return bytes.array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bundled() throws Exception {
        try (InputStream in = TickerFile.class.getClassLoader().getResourceAsStream("tickers/demo-500.txt")) {
            return in.readAllBytes();
        }
    }

    /** Counted here the plain way: lines that are neither blank nor a comment. */
    private static long bundledTickerLines() throws Exception {
        return new String(bundled(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }

    /** How many of this process's open file descriptors are the given file (Linux). */
    private static long openHandles(Path file) throws Exception {
        Path real = file.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (Exception e) {
                    return false; // closed since it was listed, or not a link
                }
            }).count();
        }
    }
}
