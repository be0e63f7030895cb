package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.ServiceTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service makes one folder per job; quotaflow.keep-runs bounds how many runs/ keeps, so a job every few
 * seconds does not fill the disk. Older job folders go whatever their state; a folder someone else put there
 * (a name that is not a job's start time) stays, and does not stop the newest job folder from being resumed.
 */
class RunFolderRetentionTest extends ServiceTestSupport {

    private static final String OLD_FAILED_JOB = "20200101T000000.000Z";

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.keep-runs", "2");
        s.put("quotaflow.rate.requests", "50");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB", "CCC")).toString());
        try {
            Path runs = outputDir().resolve("runs");
            // a job that failed before it wrote a row, years ago, and an operator's own notes
            Files.createDirectories(runs.resolve(OLD_FAILED_JOB));
            Files.writeString(runs.resolve(OLD_FAILED_JOB).resolve("INCOMPLETE"), "failed");
            Files.createDirectories(runs.resolve("notes"));
            Files.writeString(runs.resolve("notes").resolve("why.txt"), "mine");
            // a link in an old job folder to a folder outside runs/: deleting the job deletes the link only
            Path elsewhere = Files.createDirectories(outputDir().resolve("elsewhere"));
            Files.writeString(elsewhere.resolve("keep.txt"), "not a job's");
            Files.createSymbolicLink(runs.resolve(OLD_FAILED_JOB).resolve("link"), elsewhere);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void runsKeepsTheNewestJobFoldersAndNothingElseIsTouched() {
        List<Path> jobFolders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(triggerJob().succeeded()).isEqualTo(3);
            jobFolders.add(jobs().last().dir());
        }
        assertThat(jobFolders).doesNotHaveDuplicates();

        Path runs = outputDir().resolve("runs");
        assertThat(runFolders()).containsExactly(jobFolders.get(1), jobFolders.get(2), runs.resolve("notes"));
        assertThat(runs.resolve("notes").resolve("why.txt")).hasContent("mine");
        assertThat(runs.resolve(OLD_FAILED_JOB)).doesNotExist();
        assertThat(outputDir().resolve("elsewhere").resolve("keep.txt")).hasContent("not a job's");
        assertThat(jobFolders.get(2).resolve("summary.json")).exists();
        assertThat(outputDir().resolve("latest").resolve("summary.json"))
                .hasSameTextualContentAs(jobFolders.get(2).resolve("summary.json"));
    }
}
