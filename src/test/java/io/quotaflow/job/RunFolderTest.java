package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.summary.SummaryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job folder says while and after its job runs: marked until its summary is in place, published to latest/
 * in service mode only, and the oldest job folders pruned to quotaflow.keep-runs, never the current one nor a
 * folder quotaflow did not name.
 */
class RunFolderTest {

    @TempDir
    Path out;

    @Test
    void aFolderIsMarkedIncompleteFromItsStartWithoutTheLastSummary() throws Exception {
        Files.writeString(out.resolve(SummaryFiles.SUMMARY), "{}");
        RunFolder.open(out, Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(out.resolve(SummaryFiles.SUMMARY)).doesNotExist();
        assertThat(Files.readString(out.resolve(RunFolder.INCOMPLETE))).startsWith("This job started at 2026-12-02T10:00:00Z");

        RunFolder.stopped(out, Instant.parse("2026-12-02T10:01:00Z"));
        assertThat(Files.readString(out.resolve(RunFolder.INCOMPLETE))).startsWith("This job was stopped at 2026-12-02T10:01:00Z");
    }

    @Test
    void aCompletedServiceJobIsCopiedToLatestAndLosesItsMarker() throws Exception {
        Path job = Files.createDirectories(out.resolve("runs").resolve("20261202T100000.000Z"));
        RunFolder.open(job, Instant.now());
        Files.writeString(job.resolve(JobRun.RESULTS), "rows");
        Files.writeString(job.resolve(SummaryFiles.SUMMARY), "summary");

        RunFolder.complete(job, out, false);

        assertThat(job.resolve(RunFolder.INCOMPLETE)).doesNotExist();
        assertThat(Files.readString(out.resolve(RunFolder.LATEST).resolve(JobRun.RESULTS))).isEqualTo("rows");
        assertThat(Files.readString(out.resolve(RunFolder.LATEST).resolve(SummaryFiles.SUMMARY))).isEqualTo("summary");
        try (Stream<Path> latest = Files.list(out.resolve(RunFolder.LATEST))) {
            assertThat(latest).as("no temporary copies left").hasSize(2);
        }
    }

    @Test
    void aCompletedRunOnceJobIsNotPublished() throws Exception {
        RunFolder.open(out, Instant.now());
        Files.writeString(out.resolve(JobRun.RESULTS), "rows");
        Files.writeString(out.resolve(SummaryFiles.SUMMARY), "summary");
        RunFolder.complete(out, out, true);
        assertThat(out.resolve(RunFolder.INCOMPLETE)).doesNotExist();
        assertThat(out.resolve(RunFolder.LATEST)).doesNotExist();
    }

    @Test
    void pruningKeepsTheNewestJobFoldersTheCurrentOneAndEverythingElse() throws Exception {
        Path runs = Files.createDirectories(out.resolve("runs"));
        for (String name : new String[] {"20261201T100000.000Z", "20261201T110000.000Z", "20261201T120000.000Z",
            "20261201T130000.000Z", "mine"}) {
            Files.writeString(Files.createDirectories(runs.resolve(name)).resolve("x"), "x");
        }
        Files.writeString(runs.resolve("20261201T090000.000Z"), "a file, not a job folder");
        // a clock set back: the current job's name sorts first
        Path current = Files.createDirectories(runs.resolve("20261130T000000.000Z"));

        assertThat(RunFolder.prune(current, 0)).as("0 keeps all").isZero();
        assertThat(RunFolder.prune(current, 3)).isEqualTo(2);

        try (Stream<Path> left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("20261130T000000.000Z",
                    "20261201T120000.000Z", "20261201T130000.000Z", "mine", "20261201T090000.000Z");
        }
        assertThat(RunFolder.prune(current, 3)).as("already within keep-runs").isZero();
        assertThat(RunFolder.prune(current, 1)).isEqualTo(2);
        assertThat(RunFolder.isJobFolder(current)).isTrue();
        assertThat(RunFolder.isJobFolder(runs.resolve("mine"))).isFalse();
        assertThat(RunFolder.isJobFolder(runs.resolve("20261201T090000.000Z"))).isFalse();
    }

    @Test
    void nothingToPruneWithoutARunsFolder() throws Exception {
        assertThat(RunFolder.prune(out.resolve("runs").resolve("20261201T100000.000Z"), 1)).isZero();
    }

    @Test
    void aFolderThatCannotBeDeletedIsLeftForTheNextJobAndTheOthersStillGo() throws Exception {
        Path runs = Files.createDirectories(out.resolve("runs"));
        Path stuck = Files.writeString(Files.createDirectories(runs.resolve("20261201T100000.000Z")).resolve("x"), "x");
        Files.createDirectories(runs.resolve("20261201T110000.000Z"));
        Path current = Files.createDirectories(runs.resolve("20261201T120000.000Z"));
        // even root cannot delete an immutable file; where chattr is missing or not allowed the test cannot run
        boolean immutable = chattr("+i", stuck);
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(immutable, "chattr +i not available here");
            assertThatThrownBy(() -> RunFolder.prune(current, 1)).isInstanceOf(java.io.IOException.class)
                    .hasMessageStartingWith("1 old job folder(s) deleted, not all: ");
            assertThat(runs.resolve("20261201T110000.000Z")).doesNotExist();
            assertThat(stuck).exists();
        } finally {
            chattr("-i", stuck);
        }
        assertThat(RunFolder.prune(current, 1)).as("the next job's try").isEqualTo(1);
    }

    private static boolean chattr(String flag, Path file) throws Exception {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
