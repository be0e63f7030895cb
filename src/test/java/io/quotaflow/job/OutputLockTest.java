package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.ConfigException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder's lock against other processes, and a second take in the same JVM (two Camel contexts on one
 * folder): refused, without dropping the first holder's lock. On Linux, closing any channel on a locked file
 * drops every lock the process holds on it: a refused take that opened and closed a channel of its own left the
 * folder open to every other process while the first job still ran.
 */
class OutputLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondTakeInThisJvmIsRefusedAndTheFolderStaysLockedForOtherProcesses() throws Exception {
        try (OutputLock first = OutputLock.take(dir)) {
            assertThat(anotherProcessLocks()).as("held: another process is refused").isFalse();

            assertThatThrownBy(() -> OutputLock.take(dir)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("quotaflow.output-dir: ").hasMessageContaining("in use by another quotaflow job");

            assertThat(anotherProcessLocks()).as("the first job still holds the folder").isFalse();
        }
        assertThat(anotherProcessLocks()).as("released").isTrue();
        OutputLock.take(dir).close(); // and this JVM may take it again
    }

    @Test
    void aReleasedLockLeavesNoFileOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.quotaflow.support.OpenFiles.visible(), "Linux /proc only");
        // a service takes the lock once a job: a handle left per job runs out of them in the end
        OutputLock lock = OutputLock.take(dir);
        assertThat(io.quotaflow.support.OpenFiles.isOpen(dir.toRealPath().resolve(OutputLock.FILE))).isTrue();
        lock.close();
        assertThat(io.quotaflow.support.OpenFiles.isOpen(dir.toRealPath().resolve(OutputLock.FILE))).isFalse();
    }

    @Test
    void aLockFileThatCannotBeOpenedNamesTheFolderAndLeavesItFreeToTakeLater() throws Exception {
        Path blocker = java.nio.file.Files.createDirectory(dir.resolve(OutputLock.FILE)); // a folder where the file goes
        assertThatThrownBy(() -> OutputLock.take(dir)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessage("cannot lock output folder " + dir);
        java.nio.file.Files.delete(blocker);
        OutputLock.take(dir).close(); // the failed take did not count as held
    }

    @Test
    void aTakeRefusedBecauseAnotherProcessHoldsTheFolderKeepsNoFileOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.quotaflow.support.OpenFiles.visible(), "Linux /proc only");
        Path file = dir.toRealPath().resolve(OutputLock.FILE);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Holder.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("LOCKED");
            // a service whose cron keeps finding the folder in use by a scripted run must not leak a handle each time
            assertThatThrownBy(() -> OutputLock.take(dir)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("in use by another quotaflow job");
            assertThat(io.quotaflow.support.OpenFiles.isOpen(file)).isFalse();
        } finally {
            holder.getOutputStream().close(); // the holder lets go and ends
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        OutputLock.take(dir).close(); // and once that process is gone, the folder is free
    }

    /** Run in the other JVM: holds the lock until its input ends. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                System.out.println("LOCKED");
                System.out.flush();
                System.in.read();
            }
        }
    }

    /** Whether another JVM gets the lock file's lock (it lets it go at once). */
    private boolean anotherProcessLocks() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Probe.class.getName(), dir.resolve(OutputLock.FILE).toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(out).isIn("LOCKED", "REFUSED");
        return out.equals("LOCKED");
    }

    /** Run in the other JVM: tries the lock once and says what happened. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                System.out.println(lock == null ? "REFUSED" : "LOCKED");
            }
        }
    }
}
