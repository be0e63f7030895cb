package io.quotaflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -cp quotaflow.jar io.quotaflow.simulator.SimulatorMain ...} as a user types it, in a JVM of its own:
 * a value it cannot serve with ends the process with exit code 2 and one {@code error:} line, never a stack trace
 * and never a simulator that serves something else than asked.
 */
class SimulatorMainProcessTest {

    @TempDir
    Path dir;

    @Test
    void aPeriodTooLongForTheClockIsRefusedNotAStackTrace() throws Exception {
        // passed the parser, then overflowed Duration.toMillis() in main: a stack trace and a process that hung
        assertRefused(run("--period", "10000000000000000m"), "--period", "366 days");
        assertRefused(run("--period", "99999999999999999999s"), "--period", "366 days");
    }

    @Test
    void anEmptyKeyListIsRefusedRatherThanAcceptingEveryKey() throws Exception {
        // "--keys ," started a simulator that accepts any key
        assertRefused(run("--keys", " , "), "--keys", "at least one key");
    }

    @Test
    void anUnresolvableHostIsNamedAsSuch() throws Exception {
        // was "error: cannot start quote simulator on nonexistent.invalid:0: null"
        Result r = run("--host", "nonexistent.invalid");
        assertRefused(r, "nonexistent.invalid", "unknown host");
        assertThat(r.output()).doesNotContain("null");
    }

    @Test
    void helpExitsZeroAndSaysHowToSwitchFaults() throws Exception {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.output()).contains("usage: SimulatorMain", "/_sim/faults", "Retry-After");
    }

    private static void assertRefused(Result r, String... mentions) {
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).as("one error line, then the usage at most").startsWith("error: ").contains(mentions)
                .doesNotContain("Exception", "\tat ");
    }

    record Result(int exit, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        // surefire's own classpath property: java.class.path may be just its manifest-only booter jar
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(SimulatorMain.class.getName());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "sim", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, "still running after 30 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
