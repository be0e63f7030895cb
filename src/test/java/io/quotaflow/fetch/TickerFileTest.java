package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a ticker list location that is no readable file says. */
class TickerFileTest {

    @Test
    void aPipeIsRefusedAsSuchNotAsAMissingFile(@TempDir Path dir) throws Exception {
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
}
