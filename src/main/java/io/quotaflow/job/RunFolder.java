package io.quotaflow.job;

import io.quotaflow.summary.SummaryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * What a reader of a job folder may trust. A job's folder holds an {@value #INCOMPLETE} marker from
 * the moment the job starts until its summary.json has been written (write-then-rename), so a
 * folder left by an interrupted or failed job says so, and never shows a summary that looks
 * complete. A job stopped before the end keeps the marker beside its "incomplete" summary.json. Run-once
 * mode writes straight into the output folder, so a summary.json left there by an earlier run is removed
 * first. In service mode each completed job is then copied to {@code <output-dir>/latest/}, file by file,
 * each by write-then-rename.
 */
final class RunFolder {

    static final String INCOMPLETE = "INCOMPLETE";
    static final String LATEST = "latest";

    private RunFolder() {
    }

    /** Marks the folder incomplete before anything else is written into it. */
    static void open(Path dir, Instant startedAt) {
        try {
            Files.deleteIfExists(dir.resolve(SummaryFiles.SUMMARY));
            Files.writeString(dir.resolve(INCOMPLETE), "This job started at " + startedAt
                    + " and has not completed: results.csv may be partial and there is no summary.json.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output folder " + dir, e);
        }
    }

    /**
     * A job stopped before it completed (graceful stop): its summary.json says "incomplete", and the marker
     * stays, now saying so, so the folder is neither published to latest/ nor taken for complete.
     */
    static void stopped(Path dir, Instant at) {
        try {
            Files.writeString(dir.resolve(INCOMPLETE), "This job was stopped at " + at + " before it completed:"
                    + " summary.json and results.csv cover only the lines done by then; the next start resumes it.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark output folder " + dir + " as stopped", e);
        }
    }

    /** After summary.json is in place: refreshes latest/ (service mode) and removes the marker last. */
    static void complete(Path dir, Path outputDir, boolean runOnce) {
        try {
            if (!runOnce) {
                Path latest = outputDir.resolve(LATEST);
                Files.createDirectories(latest);
                copy(dir.resolve(JobRun.RESULTS), latest);
                copy(dir.resolve(SummaryFiles.SUMMARY), latest);
            }
            Files.deleteIfExists(dir.resolve(INCOMPLETE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete output folder " + dir, e);
        }
    }

    private static void copy(Path file, Path toDir) throws IOException {
        Path tmp = toDir.resolve(file.getFileName() + ".tmp");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, toDir.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
