package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list is read only while it is the file that was opened: an edit in place fails the next read, a rename over
 * it or a deletion does not (the open file is read whole). {@code TickerFileTest} has the message a job gives.
 */
class UnchangedFileTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedFileIsReadWhole() throws Exception {
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\n");
        try (InputStream in = UnchangedFile.open(list)) {
            assertThat(in.read()).isEqualTo('A');
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("APL\nMSFT\n");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFileWrittenInPlaceFailsTheNextReadOfEitherKind() throws Exception {
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\n");
        try (InputStream one = UnchangedFile.open(list); InputStream block = UnchangedFile.open(list)) {
            assertThat(one.read()).isEqualTo('A');
            assertThat(block.read(new byte[2], 0, 2)).isEqualTo(2);

            Files.writeString(list, "IBM\n"); // truncated, then written: the same file, another size

            assertThatThrownBy(one::read).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(list + " changed while the job read it (10 bytes, modified ")
                    .hasMessageContaining("; now 4 bytes, modified ")
                    .hasMessageEndingWith("write a new file and rename it over the old one");
            assertThatThrownBy(() -> block.read(new byte[2], 0, 2)).isInstanceOf(IOException.class)
                    .hasMessageContaining("changed while the job read it");
        }
    }

    @Test
    void aChangeThatKeepsTheSizeIsSeenByTheModificationTime() throws Exception {
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\n");
        try (InputStream in = UnchangedFile.open(list)) {
            assertThat(in.read()).isEqualTo('A');
            FileTime opened = Files.getLastModifiedTime(list);
            Files.writeString(list, "AAPL\nMSFX\n");
            // set explicitly: two writes within the file system's clock tick can leave the time as it was
            Files.setLastModifiedTime(list, FileTime.fromMillis(opened.toMillis() + 2000));

            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessageContaining("changed while the job read it (10 bytes")
                    .hasMessageContaining("now 10 bytes");
        }
    }

    @Test
    void aFileRenamedOverTheListOrTheListDeletedIsNoChange() throws Exception {
        Path list = Files.writeString(dir.resolve("list.txt"), "AAPL\nMSFT\n");
        try (InputStream in = UnchangedFile.open(list)) {
            assertThat(in.read()).isEqualTo('A');
            Path next = Files.writeString(dir.resolve("next.txt"), "IBM\n");
            Files.move(next, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).as("the file opened, whole")
                    .isEqualTo("APL\nMSFT\n");
        }
        Path other = Files.writeString(dir.resolve("other.txt"), "AAPL\nMSFT\n");
        try (InputStream in = UnchangedFile.open(other)) {
            assertThat(in.read()).isEqualTo('A');
            Files.delete(other);

            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("APL\nMSFT\n");
        }
    }
}
