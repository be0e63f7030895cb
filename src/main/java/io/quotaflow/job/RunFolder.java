package io.quotaflow.job;

import io.quotaflow.summary.SummaryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

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
    /** A job folder's name under runs/: its UTC start, as Jobs names it (20261123T152359.019Z). */
    private static final Pattern JOB_FOLDER = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");

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

    /**
     * Keeps the newest {@code keep} job folders under {@code runs} (0 = all) and deletes the older ones, whatever
     * their state: only the newest is ever resumed. Folders named otherwise are someone else's and stay. A folder
     * that cannot be deleted is left for the next job's try; returns how many were deleted. {@code current} (the
     * job that just ended) is never deleted, even when a clock set back made its name sort among the oldest.
     */
    static int prune(Path current, int keep) throws IOException {
        Path runs = current.getParent();
        if (keep == 0 || !Files.isDirectory(runs)) {
            return 0;
        }
        List<Path> jobs;
        try (Stream<Path> list = Files.list(runs)) {
            // the names are start times, so the oldest sort first
            jobs = list.filter(p -> !p.equals(current) && isJobFolder(p))
                    .sorted().toList();
        }
        int deleted = 0;
        IOException failed = null;
        for (Path old : jobs.subList(0, Math.max(0, jobs.size() - (keep - 1)))) {
            try {
                deleteTree(old);
                deleted++;
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw new IOException(deleted + " old job folder(s) deleted, not all: " + failed.getMessage(), failed);
        }
        return deleted;
    }

    /** A folder under runs/ named as Jobs names a job's (its UTC start); anything else there is someone else's. */
    static boolean isJobFolder(Path p) {
        return JOB_FOLDER.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p);
    }

    private static void deleteTree(Path dir) throws IOException {
        // walks without following links: a link in a job folder is deleted, never what it points to
        PathUtils.deleteDirectory(dir);
    }
}
