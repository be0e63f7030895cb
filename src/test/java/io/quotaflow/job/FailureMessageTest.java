package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

/** A job that fails as a whole says why in one line, causes included, and a file error says what it was. */
class FailureMessageTest {

    @Test
    void aFileErrorWhoseMessageIsOnlyThePathSaysWhatWentWrong() {
        // an output folder owned by another user: the JDK's message is just the file
        String why = Jobs.describe(new UncheckedIOException("cannot prepare output folder /srv/out",
                new AccessDeniedException("/srv/out/INCOMPLETE")));
        assertThat(why).isEqualTo("cannot prepare output folder /srv/out: /srv/out/INCOMPLETE (permission denied)");

        // one that gives its own reason keeps it
        assertThat(Jobs.describe(new FileSystemException("/srv/out", null, "Read-only file system")))
                .isEqualTo("/srv/out: Read-only file system");
    }

    @Test
    void runningOutOfMemorySaysWhatToDoAndNotWhichExchange() {
        String why = Jobs.describe(new CamelExecutionException("Exception occurred during execution on the exchange",
                null, new OutOfMemoryError("Java heap space")));
        assertThat(why).isEqualTo("out of memory (Java heap space): give the JVM a larger heap, e.g. java -Xmx1g -jar ...");
    }

    @Test
    void causesThatPointBackAtEachOtherEndTheLine() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(Jobs.describe(a)).isEqualTo("a: b");
    }
}
