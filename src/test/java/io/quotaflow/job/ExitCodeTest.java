package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quotaflow.QuotaflowApp;
import io.quotaflow.support.LogLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad setting stops the app before anything is sent: exit code 2 and one line naming the key. */
class ExitCodeTest {

    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private String key;

    @AfterEach
    void restore() {
        System.setErr(stderr);
        if (key != null) {
            System.clearProperty(key);
        }
        System.clearProperty("quotaflow.run-once");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quotaflow.rate.requests|-5|out of range",
        "quotaflow.rate.period|soon|not a duration",
        "quotaflow.api.url|http://127.0.0.1:9/quote|must contain {ticker}",
        "quotaflow.tickers|/no/such/tickers.txt|file not found",
        "quotaflow.routes-dir|/no/such/routes|is not a folder",
        // a relative folder says where it was looked for (the working directory), as quotaflow.tickers does
        "quotaflow.routes-dir|no-such-routes|'no-such-routes' is not a folder: /",
        // a Camel setting of the README's reference, misspelt: Camel's binding error was exit 1, "quotaflow stopped"
        "camel.main.shutdownTimout|5|Camel has no such option",
        // the shell leaves ~ as it is in -Dkey=~/...: a file looked for in ./~/, an output folder made there
        "quotaflow.tickers|~/no-such-list.txt|file not found: /",
        "quotaflow.tickers|~/no-such-list.txt|a leading ~ is not expanded",
        "quotaflow.config-file|~/live.properties|a leading ~ is not expanded",
        "quotaflow.output-dir|~/quotes|a leading ~ is not expanded",
        "quotaflow.routes-dir|~/routes|a leading ~ is not expanded",
        "quotaflow.consumers|600|allowed 1..500",
        "quotaflow.api.unknown-when|/code=404,code=404|'code=404' must start with a JSON Pointer",
        "quotaflow.rate.request|5|is not a quotaflow setting (set with -D); quotaflow.rate.* are: enforce, lead, margin, period, requests",
    })
    void badSettingExitsWithTwo(String key, String value, String says) {
        this.key = key;
        System.setProperty(key, value);
        System.setProperty("quotaflow.run-once", "true");
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

        int code = new QuotaflowApp().run(new String[0]);

        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(err).contains("quotaflow: invalid setting " + key + ": ").contains(says);
        assertThat(err.lines().filter(l -> l.startsWith("quotaflow:")).count()).isEqualTo(1);
    }

    /** In service mode too, a bad setting stops the app at start-up: it does not wait for the first job. */
    @Test
    void aServiceWithABadBodyRuleExitsWithTwoBeforeAnyJob() {
        // before the check moved to start-up the service started and ran: this would time out
        assertThat(serviceWith("quotaflow.api.rate-limited-when", "garbage"))
                .contains("quotaflow: invalid setting quotaflow.api.rate-limited-when: ");
    }

    /** A routes folder that is not quotaflow's (an empty ./routes, say) stops a service too, not only a run. */
    @Test
    void aServiceWhoseRoutesFolderHasNoJobRouteExitsWithTwo(@TempDir Path empty) {
        assertThat(serviceWith("quotaflow.routes-dir", empty.toString()))
                .contains("quotaflow: invalid setting quotaflow.routes-dir: ").contains("no route 'quote-job'");
    }

    /** A route file broken on disk (say, left so by an edit the live reload refused) stops the start: it says where. */
    @Test
    void aBrokenRouteFileAtStartUpSaysWhereInOneLine(@TempDir Path routes) throws Exception {
        try (var files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Path job = routes.resolve("job.yaml");
        Files.writeString(job, Files.readString(job).replace("simple: \"${body.valid}\"", "simple: \"${body.valid}"));
        key = "quotaflow.routes-dir";
        System.setProperty(key, routes.toString());
        System.setProperty("quotaflow.run-once", "true");
        try (LogLines log = new LogLines()) {
            assertThat(new QuotaflowApp().run(new String[0])).isEqualTo(1);
            String line = log.text().lines().filter(l -> l.contains("quotaflow stopped")).findFirst().orElseThrow();
            assertThat(line).contains(job.toString()).containsPattern("line \\d+, column \\d+");
        }
    }

    /**
     * A console port that is taken (8181 often is) stops a service like any bad setting: one line naming
     * quotaflow.console.port, and no Camel start failure logged with a stack trace before it.
     */
    @Test
    void aServiceWhoseConsolePortIsTakenSaysSoInOneLine(@TempDir Path home) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LogLines log = LogLines.everything()) {
            System.setProperty("quotaflow.console.port", String.valueOf(taken.getLocalPort()));
            System.setProperty("quotaflow.console.credentialsFile", home.resolve("c.properties").toString());
            key = "quotaflow.console.port";
            System.setProperty("quotaflow.run-once", "false");
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new QuotaflowApp().run(new String[0]));
                assertThat(code).isEqualTo(2);
            } finally {
                System.clearProperty("quotaflow.console.credentialsFile");
            }
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("quotaflow: invalid setting quotaflow.console.port: "
                    + taken.getLocalPort() + " on 127.0.0.1 is in use");
            assertThat(log.text()).doesNotContain("Error starting CamelContext").doesNotContain("\tat ");
            assertThat(home.resolve("c.properties")).as("no password generated that nobody sees").doesNotExist();
        }
    }

    /** Starts the app in service mode (no console) with one setting; asserts exit code 2; what it printed. */
    private String serviceWith(String setting, String value) {
        key = setting;
        System.setProperty(key, value);
        System.setProperty("quotaflow.run-once", "false");
        System.setProperty("quotaflow.console.enabled", "false");
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new QuotaflowApp().run(new String[0]));
            assertThat(code).isEqualTo(2);
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.clearProperty("quotaflow.console.enabled");
        }
    }
}
