package io.quotaflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application in a JVM of its own ({@code java -cp <test classpath> io.quotaflow.QuotaflowApp}),
 * so a test can kill it, stop it with SIGTERM or read its exit code. Its output goes to a log file
 * the test can scan.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the app with these -D settings; stdout and stderr go to {@code log}. */
    static AppProcess start(Map<String, String> settings, Path log) {
        return start(settings, log, "256m");
    }

    /** The same with this much heap ({@code -Xmx}) and these JVM options before the settings. */
    static AppProcess start(Map<String, String> settings, Path log, String heap, String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        // surefire's own classpath property: java.class.path may be just its manifest-only booter jar
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("io.quotaflow.QuotaflowApp");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new AppProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    /** Waits for the exit and returns the exit code; fails the test when it takes longer than {@code seconds}. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the app did not exit within " + seconds + " s; log:\n" + log());
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
