package io.quotaflow.job;

import io.quotaflow.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One job at a time per output folder, across processes. Two scripted runs started on the same folder (a
 * cron run overlapping the one before) would otherwise both write its results.csv: the second takes the
 * first one's live folder for an interrupted run and resumes it, and the file ends with two rows for one
 * line. An OS file lock, because the operating system drops it with the process that held it: a kill -9
 * leaves no stale lock behind (the {@code INCOMPLETE} marker cannot tell a live job from a dead one).
 */
final class OutputLock implements AutoCloseable {

    static final String FILE = ".quotaflow.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or fails naming the setting when another job (in any process) holds it. */
    static OutputLock take(Path outputDir) {
        Path file = outputDir.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new ConfigException("quotaflow.output-dir", outputDir + " is in use by another quotaflow job"
                        + " (it holds " + file.getFileName() + "): give each run its own output folder, or wait for it to end");
            }
            return new OutputLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock output folder " + outputDir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
