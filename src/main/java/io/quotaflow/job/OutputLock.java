package io.quotaflow.job;

import io.quotaflow.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One job at a time per output folder, across processes. Two scripted runs started on the same folder (a
 * cron run overlapping the one before) would otherwise both write its results.csv: the second takes the
 * first one's live folder for an interrupted run and resumes it, and the file ends with two rows for one
 * line. An OS file lock, because the operating system drops it with the process that held it: a kill -9
 * leaves no stale lock behind (the {@code INCOMPLETE} marker cannot tell a live job from a dead one).
 */
final class OutputLock implements AutoCloseable {

    static final String FILE = ".quotaflow.lock";

    /**
     * The lock files this JVM holds. Checked before a channel is opened: on Linux, closing any channel on a
     * locked file drops every lock this process holds on it, so a refused second take in the same JVM (two
     * Camel contexts on one folder) must never open and close a channel of its own.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or fails naming the setting when another job (in any process) holds it. */
    static OutputLock take(Path outputDir) {
        Path file;
        try {
            file = outputDir.toRealPath().resolve(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock output folder " + outputDir, e);
        }
        if (!HELD.add(file)) {
            throw inUse(outputDir, file);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(outputDir, file);
            }
            return new OutputLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel); // this JVM held no lock on the file: closing drops nobody's
            HELD.remove(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lock output folder " + outputDir, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static ConfigException inUse(Path outputDir, Path file) {
        return new ConfigException("quotaflow.output-dir", outputDir + " is in use by another quotaflow job"
                + " (it holds " + file.getFileName() + "): give each run its own output folder, or wait for it to end");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
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
