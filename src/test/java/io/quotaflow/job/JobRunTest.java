package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.summary.Summary;
import io.quotaflow.summary.TickerResult;
import io.quotaflow.support.PackagedDefaults;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job's own figures, without Camel: the rows and the summary it ends with, its times, its ideal and limit text,
 * and the ETA the progress line shows. The packaged defaults: 22 requests per 5 s.
 */
class JobRunTest {

    @TempDir
    Path dir;

    private final QuotaflowSettings settings = QuotaflowSettings.from(PackagedDefaults.load()::getProperty);
    private final List<Integer> limits = new ArrayList<>(List.of(22));

    private JobRun job(ResumeJournal journal) {
        return new JobRun(settings, () -> List.copyOf(limits), dir, new UrlTemplate("http://127.0.0.1:1/q?s={ticker}"), journal);
    }

    private static TickerResult ok(long line) {
        return TickerResult.ok(line, "T" + line, BigDecimal.TEN, 200, 1, 3);
    }

    private List<String> rows() throws Exception {
        return Files.readAllLines(dir.resolve(JobRun.RESULTS), StandardCharsets.UTF_8);
    }

    @Test
    void aFinishedJobHasOneRowPerOutcomeUnderOneHeaderAndASummaryThatSaysCompleted() throws Exception {
        JobRun job = job(ResumeJournal.none());
        for (int line = 1; line <= 3; line++) {
            job.listed();
        }
        job.record(ok(1));
        job.record(ok(2));
        assertThat(job.unrecorded()).as("line 3 is still on the wire").isEqualTo(1);
        job.record(TickerResult.failed(3, "T3", 500, 4, 3L, "server error", "HTTP 500 after 4 attempts"));
        assertThat(job.unrecorded()).isZero();
        assertThat(job.state()).isEqualTo(JobRun.State.RUNNING);

        Summary summary = job.finish(JobRun.State.COMPLETED);

        assertThat(rows()).hasSize(4).first().isEqualTo(ResumeJournalTest.HEADER.strip());
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.succeeded()).isEqualTo(2);
        assertThat(job.summary()).isSameAs(summary);
        assertThat(job.state()).isEqualTo(JobRun.State.COMPLETED);
        assertThat(summary.startedAt()).isEqualTo(job.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        assertThat(summary.limit()).isEqualTo("22 per 5s per key");

        // an outcome that arrives after the end gets no row, so a resumed run fetches it
        job.record(ok(4));
        assertThat(rows()).hasSize(4);
    }

    @Test
    void aResumedJobAddsItsRowsUnderTheHeaderThereIsAndItsIdealIsForWhatItFetched() throws Exception {
        Files.writeString(dir.resolve(JobRun.RESULTS), ResumeJournalTest.okRows(22, "10", 3), StandardCharsets.UTF_8);
        JobRun job = job(ResumeJournal.load(dir, true, Long.MAX_VALUE));
        job.record(ok(23));

        Summary summary = job.finish(JobRun.State.COMPLETED);

        assertThat(rows()).hasSize(24).filteredOn(l -> l.startsWith("line,")).hasSize(1);
        assertThat(summary.total()).as("the earlier rows count").isEqualTo(23);
        // 1 ticker fetched by this run fits in one window: no further period (23 would need one more)
        assertThat(summary.idealSeconds()).isZero();
    }

    @Test
    void aStopOrATickerCutShortMakesTheJobIncomplete() throws Exception {
        JobRun stopped = job(ResumeJournal.none());
        AtomicInteger woken = new AtomicInteger();
        stopped.onStop(woken::incrementAndGet);
        assertThat(stopped.isStopRequested()).isFalse();
        stopped.requestStop();
        assertThat(stopped.isStopRequested()).isTrue();
        assertThat(woken).as("the limiter's waiters are woken").hasValue(1);
        assertThat(stopped.finish(JobRun.State.COMPLETED).status()).isEqualTo("incomplete");
        assertThat(stopped.state()).isEqualTo(JobRun.State.INCOMPLETE);

        Files.delete(dir.resolve(JobRun.RESULTS));
        JobRun cut = job(ResumeJournal.none());
        cut.listed();
        cut.record(TickerResult.failed(1, "T1", null, 0, null, JobRun.INTERRUPTED, "stopped before it had an outcome"));
        assertThat(cut.unrecorded()).isZero();
        Summary summary = cut.finish(JobRun.State.COMPLETED);
        assertThat(summary.status()).isEqualTo("incomplete");
        assertThat(summary.total()).as("no outcome yet").isZero();
        assertThat(rows()).as("no row: a resumed run fetches it").hasSize(1);
    }

    @Test
    void aFailureIsKeptOnceAndStopsTheJob() {
        JobRun job = job(ResumeJournal.none());
        RuntimeException first = new IllegalStateException("list unreadable");
        job.fail(first);
        job.fail(new IllegalStateException("later"));
        assertThat(job.failure()).isSameAs(first);
        assertThat(job.isStopRequested()).isTrue();
        assertThat(job.finish(JobRun.State.FAILED).status()).isEqualTo("failed");
    }

    @Test
    void elapsedIsFirstSendToLastResponseAndAttemptsWithoutASendDoNotMoveIt() {
        JobRun job = job(ResumeJournal.none());
        assertThat(job.elapsedSeconds()).isZero();
        job.attempt(0, -1, false); // refused before it was sent
        assertThat(job.elapsedSeconds()).isZero();
        long twoSecondsAgo = System.nanoTime() - Duration.ofSeconds(2).toNanos();
        job.attempt(twoSecondsAgo, 25_000_000, true);
        assertThat(job.elapsedSeconds()).isBetween(2.0, 3.0);
        Summary summary = job.finish(JobRun.State.COMPLETED);
        assertThat(summary.requests()).isEqualTo(2);
        assertThat(summary.rateLimited()).isEqualTo(1);
        assertThat(summary.latencyMs()).as("the one answered attempt").isEqualTo(new Summary.Latency(25, 25, 25, 25));
        assertThat(summary.elapsedSeconds()).isBetween(2.0, 3.0);
    }

    @Test
    void theIdealIsTheFurtherPeriodsAfterTheFirstBurst() {
        assertThat(JobRun.idealSeconds(0, List.of(22), 5)).isZero();
        assertThat(JobRun.idealSeconds(22, List.of(22), 5)).isZero();
        assertThat(JobRun.idealSeconds(23, List.of(22), 5)).isEqualTo(5);
        assertThat(JobRun.idealSeconds(45, List.of(22), 5)).isEqualTo(10);
        assertThat(JobRun.idealSeconds(45, List.of(22, 22), 0.5)).isEqualTo(0.5);
        assertThat(JobRun.idealSeconds(10, List.of(0), 5)).as("no key may send").isZero();
    }

    @Test
    void theLimitTextNamesEachKeysOwnOnlyWhenTheyDiffer() {
        assertThat(JobRun.limitText(List.of(22), Duration.ofSeconds(5))).isEqualTo("22 per 5s per key");
        assertThat(JobRun.limitText(List.of(4, 4), Duration.ofSeconds(1))).isEqualTo("4 per 1s per key");
        assertThat(JobRun.limitText(List.of(3, 5), Duration.ofSeconds(1))).isEqualTo("3, 5 per 1s (key1, key2, ...)");
        assertThat(JobRun.limitText(List.of(), Duration.ofSeconds(1))).isEqualTo("0 per 1s per key");
    }

    @Test
    void limitsChangedDuringTheJobAreShownAndTheIdealTakesEachKeysHigherOne() {
        limits.clear();
        limits.addAll(List.of(10, 10));
        JobRun raised = job(ResumeJournal.none());
        limits.set(1, 20);
        for (int line = 1; line <= 31; line++) {
            raised.record(ok(line));
        }
        Summary summary = raised.finish(JobRun.State.COMPLETED);
        assertThat(summary.limit()).isEqualTo("10, 20 per 5s (key1, key2, ...) (changed during the job, from 10 per 5s per key)");
        assertThat(summary.idealSeconds()).as("31 at 30 a window").isEqualTo(5.0);
        assertThat(summary.keys()).isEqualTo(2);

        limits.clear();
        limits.addAll(List.of(10, 10));
        dir = dir.resolve("lowered");
        JobRun lowered = jobIn(dir);
        limits.set(0, 5);
        limits.set(1, 5);
        for (int line = 1; line <= 21; line++) {
            lowered.record(ok(line));
        }
        // at the start's 10 + 10, 21 take one further period; at the lowered 5 + 5 they would take two
        assertThat(lowered.finish(JobRun.State.COMPLETED).idealSeconds()).isEqualTo(5.0);
    }

    private JobRun jobIn(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return job(ResumeJournal.none());
    }

    @Test
    void theEtaIsAtTheQuotaUntilAWholePeriodHasBeenSentThenAtTheSlowerOfTheTwo() {
        JobRun job = job(ResumeJournal.none());
        job.expected(100);
        assertThat(job.totalLines()).isEqualTo(100);
        assertThat(job.etaSeconds(10, 2)).as("nothing sent yet: 100 lines at the quota").isEqualTo(10);

        job.attempt(System.nanoTime() - Duration.ofSeconds(1).toNanos(), 1_000_000, false);
        assertThat(job.etaSeconds(10, 2)).as("sent for 1 s of a 5 s period: still the quota").isEqualTo(10);

        JobRun measured = job(ResumeJournal.none());
        measured.expected(100);
        measured.attempt(System.nanoTime() - Duration.ofSeconds(6).toNanos(), 1_000_000, false);
        assertThat(measured.etaSeconds(10, 2)).as("a whole period sent at 2/s").isEqualTo(50);
        assertThat(measured.etaSeconds(10, 20)).as("never faster than the quota").isEqualTo(10);
        assertThat(measured.etaSeconds(10, 0)).as("nothing in the last period: the quota").isEqualTo(10);
    }

    @Test
    void theEtaCountsTheRequestsALineHasTaken() {
        assertThat(JobRun.eta(10, 0, 0, 2)).isEqualTo(5);
        assertThat(JobRun.eta(10, 5, 0, 2)).isEqualTo(5);
        assertThat(JobRun.eta(10, 0, 7, 2)).isEqualTo(5);
        assertThat(JobRun.eta(10, 5, 10, 2)).as("two requests a line").isEqualTo(10);
        assertThat(JobRun.eta(-3, 5, 10, 2)).isZero();
    }

    @Test
    void theListIsCompleteWhenSaidAndItsLinesAreTheMoreOfCountedAndRead() {
        JobRun job = job(ResumeJournal.none());
        assertThat(job.isListComplete()).isFalse();
        job.expected(2);
        job.listed();
        job.listed();
        job.listed();
        assertThat(job.totalLines()).as("the list grew while it was read").isEqualTo(3);
        job.listComplete();
        assertThat(job.isListComplete()).isTrue();
    }

    @Test
    void theFoldersLockIsLetGoOnce() {
        JobRun job = job(ResumeJournal.none());
        job.holding(OutputLock.take(dir));
        job.releaseLock();
        job.releaseLock();
        OutputLock.take(dir).close(); // free again
        assertThat(job.journal().isEmpty()).isTrue();
    }
}
