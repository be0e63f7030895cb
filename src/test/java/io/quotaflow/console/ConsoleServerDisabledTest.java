package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quotaflow.console.enabled=false: nothing listens, no password is generated or printed. */
class ConsoleServerDisabledTest {

    @TempDir
    Path home;

    @Test
    void disabledConsoleDoesNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleSettings settings = ConsoleSettings.defaults().withEnabled(false).withPort(0)
                .withCredentialsFile(home.resolve("creds.properties"));
        try (ConsoleServer console = new ConsoleServer(settings, new PrintStream(out)).start()) {
            assertThat(console.port()).isEqualTo(-1);
            assertThat(console.url()).isNull();
        }
        assertThat(settings.credentialsFile()).doesNotExist();
        assertThat(out.size()).isZero();
    }
}
