package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A ticker list that cannot be read: a clear message naming it, and exit code 2 (the app in its own JVM). */
class ExitCodeTest {

    Path work;

    @BeforeEach
    void folder() throws Exception {
        Files.createDirectories(Path.of("target", "test-work"));
        work = Files.createTempDirectory(Path.of("target", "test-work"), "ExitCodeTest-").toAbsolutePath();
    }

    private AppProcess run(String tickers) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quotaflow.run-once", "true");
        s.put("quotaflow.tickers", tickers);
        s.put("quotaflow.output-dir", work.resolve("out").toString());
        return AppProcess.start(s, work.resolve("app.log"));
    }

    @Test
    void aMissingListExitsWithTwoAndSaysWhich() throws Exception {
        Path missing = work.resolve("no-such-list.txt");
        try (AppProcess app = run(missing.toString())) {
            assertThat(app.waitFor(60)).isEqualTo(2);
            assertThat(app.log()).contains("quotaflow: invalid setting quotaflow.tickers: file not found: " + missing)
                    .as("no signal was sent").doesNotContain("SIGTERM");
        }
        assertThat(work.resolve("out").resolve("summary.json")).doesNotExist();
    }

    @Test
    void aFolderInsteadOfAListExitsWithTwo() throws Exception {
        try (AppProcess app = run(work.toString())) {
            assertThat(app.waitFor(60)).isEqualTo(2);
            assertThat(app.log()).contains("quotaflow.tickers: is a folder, not a ticker list: " + work);
        }
    }

    @Test
    void anUnreadableListExitsWithTwo() throws Exception {
        Path list = Files.write(work.resolve("secret.txt"), List.of("AAPL"));
        Files.setPosixFilePermissions(list, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(list), "running as root: every file is readable");
        try (AppProcess app = run(list.toString())) {
            assertThat(app.waitFor(60)).isEqualTo(2);
            assertThat(app.log()).contains("quotaflow.tickers: cannot read " + list);
        }
    }
}
