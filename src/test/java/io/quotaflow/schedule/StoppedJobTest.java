package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.job.JobRun;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.ServiceTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A job stopped half way in service mode (what a SIGTERM does through GracefulStop): tickers waiting for
 * their slot are not sent any more, the folder stays marked INCOMPLETE and is not published to latest/,
 * and the next job resumes it, asking the server for each ticker once in all.
 */
class StoppedJobTest extends ServiceTestSupport {

    private static final int TICKERS = 30;
    private static final int LIMIT = 10;

    private Path list;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        // 10 per 2 s: after the first burst is answered, the next 10 wait almost 2 s for their slots
        s.put("quotaflow.rate.requests", String.valueOf(LIMIT));
        s.put("quotaflow.rate.period", "2s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        list = writeTickers("tickers.txt", IntStream.range(0, TICKERS).mapToObj(i -> "S" + i).toList());
        s.put("quotaflow.tickers", list.toString());
    }

    @Test
    void aStoppedJobSendsNothingMoreStaysMarkedAndTheNextJobResumesIt() throws Exception {
        int sentAtStop = startAndStopAfterTheFirstWindow();
        assertThat(simulator().arrivals()).as("the tickers waiting for a slot were not sent").hasSize(sentAtStop);

        Path folder = runFolders().get(0);
        assertThat(folder.resolve("summary.json")).exists();
        assertThat(folder.resolve("INCOMPLETE")).exists();
        assertThat(Files.readString(folder.resolve("INCOMPLETE"))).contains("stopped");
        assertThat(outputDir().resolve("latest/summary.json")).as("a stopped job is not published").doesNotExist();

        Summary resumed = triggerJob();
        assertThat(runFolders()).as("the next job continues the stopped one's folder").containsExactly(folder);
        assertThat(resumed.status()).isEqualTo("completed");
        assertThat(resumed.succeeded()).isEqualTo(TICKERS);
        assertThat(folder.resolve("INCOMPLETE")).doesNotExist();
        assertThat(outputDir().resolve("latest/summary.json")).hasSameTextualContentAs(folder.resolve("summary.json"));
        assertThat(Files.readAllLines(folder.resolve("results.csv"))).hasSize(TICKERS + 1);
        assertThat(simulator().arrivals()).as("each ticker asked once in all").hasSize(TICKERS);
    }

    /** A service must not stay stuck on a list edited between a stop and the next job. */
    @Test
    void aListEditedAfterTheStopStartsOverInANewFolderAndKeepsTheStoppedOne() throws Exception {
        startAndStopAfterTheFirstWindow();
        Path stopped = runFolders().get(0);
        String stoppedResults = Files.readString(stopped.resolve("results.csv"));
        Files.write(list, IntStream.range(0, TICKERS).mapToObj(i -> "T" + i).toList());

        Summary fresh = triggerJob();
        assertThat(fresh.status()).isEqualTo("completed");
        assertThat(fresh.succeeded()).isEqualTo(TICKERS);
        assertThat(runFolders()).hasSize(2).startsWith(stopped);
        assertThat(Files.readString(stopped.resolve("results.csv"))).as("the stopped run is kept as it was")
                .isEqualTo(stoppedResults);
        assertThat(stopped.resolve("INCOMPLETE")).exists();
        assertThat(outputDir().resolve("latest/summary.json")).hasSameTextualContentAs(runFolders().get(1).resolve("summary.json"));
    }

    /** SIGTERM during start-up: the stop began before the first job did, which then fetches nothing. */
    @Test
    void aJobThatBeginsAfterTheProcessBeganStoppingFetchesNothing() throws Exception {
        assertThat(jobs().stopping()).as("no job was running").isNull();
        Summary summary = triggerJob();
        assertThat(summary.status()).isEqualTo("incomplete");
        assertThat(summary.succeeded() + summary.failed()).isZero();
        assertThat(simulator().arrivals()).isEmpty();
        Path folder = runFolders().get(0);
        assertThat(folder.resolve("INCOMPLETE")).exists();
        assertThat(Files.readAllLines(folder.resolve("results.csv"))).hasSize(1); // the header
    }

    /** Starts a job, stops it once the first window is answered (the next waits for its slots); its sends. */
    private int startAndStopAfterTheFirstWindow() {
        template.sendBodyAndHeader(JobsControl.TRIGGER_URI, null, JobGate.TRIGGER, "manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().current() != null
                && jobs().current().stats().done() >= LIMIT);
        JobRun job = jobs().current();
        int sentAtStop = simulator().arrivals().size();
        assertThat(sentAtStop).as("only the first window has left").isEqualTo(LIMIT);
        long stoppedAt = System.nanoTime();
        job.requestStop();
        await().atMost(Duration.ofSeconds(15)).until(() -> jobs().last() == job && gate().busySince() == null);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("the tickers waiting for the next window"
                + " (2 s after the first) left at the stop, not when it opened").isLessThan(Duration.ofMillis(1500));
        assertThat(job.summary().status()).isEqualTo("incomplete");
        return sentAtStop;
    }
}
