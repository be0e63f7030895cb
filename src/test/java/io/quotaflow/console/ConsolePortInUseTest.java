package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console port that is taken (8181 often is) is a setting to change, named in one line, and found before a
 * password is generated: one generated then would be stored but never shown, the next start finding it there.
 */
class ConsolePortInUseTest {

    @TempDir
    Path home;

    @Test
    void aTakenPortIsASettingErrorAndNoPasswordIsGenerated() throws Exception {
        Path credentials = home.resolve("console-credentials.properties");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConsoleServer console = new ConsoleServer(ConsoleSettings.defaults().withPort(taken.getLocalPort())
                    .withCredentialsFile(credentials), new PrintStream(shown, true, StandardCharsets.UTF_8));
            assertThatThrownBy(console::start).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("quotaflow.console.port: " + taken.getLocalPort())
                    .hasMessageContaining("choose a free port");
            assertThat(console.port()).isEqualTo(-1);
        }
        assertThat(credentials).doesNotExist();
        assertThat(shown.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anAddressOfAnotherMachineNamesTheHost() {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: a typo in quotaflow.console.host
        ConsoleServer console = new ConsoleServer(new ConsoleSettings(true, "192.0.2.1", 0, "operator", null, "viewer",
                null, home.resolve("c.properties")), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThatThrownBy(console::start).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.console.host: cannot listen on 192.0.2.1:");
    }

    @Test
    void aStartThatFailsAfterBindingLetsThePortGo() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // a credentials "file" that is a folder: the start fails after the port was bound
        Path folder = Files.createDirectories(home.resolve("a-folder"));
        ConsoleServer console = new ConsoleServer(ConsoleSettings.defaults().withPort(port).withCredentialsFile(folder),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThatThrownBy(console::start).isNotNull();
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
        }
    }
}
