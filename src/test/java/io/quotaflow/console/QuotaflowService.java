package io.quotaflow.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real app as an operator starts it: {@code io.quotaflow.QuotaflowApp} in its own JVM, in service mode, with
 * the project's ./routes, the embedded simulator, and the console on a free loopback port. Settings go in as
 * -D flags, the viewer password through the environment (as the docs recommend for secrets). Its stdout and
 * stderr (log lines and the once-printed generated password) go to a file under target/.
 */
final class QuotaflowService implements AutoCloseable {

    static final String VIEWER = "watcher";
    static final String VIEWER_PASSWORD = "viewer-pass-0815";
    static final List<String> API_KEYS = List.of("alpha-secret-key-123", "beta-secret-key-456");
    static final int LIMIT = 10;

    final Path dir;
    final Path output;
    final Path credentials;
    final int port;
    private final Process process;

    /** @param tickers how many tickers of the bundled demo list the first job fetches (2 keys x 10/s) */
    QuotaflowService(Path dir, int tickers, Map<String, String> extra) throws IOException {
        this.dir = dir;
        this.output = Path.of("target", "service-" + dir.getFileName() + ".log").toAbsolutePath();
        this.credentials = dir.resolve("home/.quotaflow/console-credentials.properties");
        this.port = freePort();
        Path list = dir.resolve("tickers.txt");
        List<String> demo = Files.readAllLines(Path.of("src/main/resources/tickers/demo-500.txt"));
        Files.write(list, demo.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).limit(tickers).toList());

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(),
                "-Dquotaflow.run-once=false",
                "-Dquotaflow.tickers=" + list,
                "-Dquotaflow.output-dir=" + dir.resolve("out"),
                "-Dquotaflow.api.keys=" + String.join(",", API_KEYS),
                "-Dquotaflow.rate.requests=" + LIMIT,
                "-Dquotaflow.rate.period=1s",
                "-Dquotaflow.progress-interval=1s",
                "-Dquotaflow.console.port=" + port,
                "-Dquotaflow.console.credentialsFile=" + credentials,
                "-Dquotaflow.console.viewerUsername=" + VIEWER));
        extra.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("io.quotaflow.QuotaflowApp");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("QUOTAFLOW_CONSOLE_VIEWERPASSWORD", VIEWER_PASSWORD);
        process = pb.start();
    }

    /** Waits until /health answers (the console, and with it Camel, is up). */
    QuotaflowService awaitUp() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("quotaflow exited with " + process.exitValue() + ":\n" + printed());
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String consoleUrl() {
        return baseUrl() + "/hawtio";
    }

    /** The operator account from the owner-only credentials file the app generated. */
    String[] operator() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(credentials)) {
            p.load(in);
        }
        return new String[] {p.getProperty("username"), p.getProperty("password")};
    }

    /** Everything the process printed so far: its log lines and the console announcement. */
    String printed() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM: Camel Main shuts down gracefully (routes, then the console). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    private static String classPath() {
        // surefire runs tests from a manifest-only jar; the real class path is in this property
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
