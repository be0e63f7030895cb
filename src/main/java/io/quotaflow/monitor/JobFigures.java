package io.quotaflow.monitor;

import io.quotaflow.job.JobRun;
import io.quotaflow.job.Jobs;
import io.quotaflow.limit.KeyStats;
import io.quotaflow.limit.RateLimiter;
import io.quotaflow.summary.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The figures of the running job and of the last finished one, computed from {@link Jobs} on every call.
 *
 * <p>Why one class: the JMX views and the Prometheus gauges must show the same numbers, so both read them here
 * and neither keeps a copy that could drift. Nothing is cached, so a reading is as fresh as the call.
 */
public final class JobFigures {

    /** The state shown when no job runs. */
    public static final String IDLE = "IDLE";

    private final Jobs jobs;
    /** The job an earlier process completed (latest/summary.json at start-up), or null. */
    private final PreviousJob previous;

    public JobFigures(Jobs jobs) {
        this(jobs, null);
    }

    /** @param previous shown as the last job until this process finishes one; null for none */
    JobFigures(Jobs jobs, PreviousJob previous) {
        this.jobs = jobs;
        this.previous = previous;
    }

    public Optional<JobRun> current() {
        return Optional.ofNullable(jobs.current());
    }

    /**
     * The last finished job's summary.json figures: of this process's last job once one has finished (even one
     * that left no summary), before that of the job an earlier process completed, if its summary was read.
     */
    public Optional<Summary> lastSummary() {
        JobRun last = jobs.last();
        if (last != null) {
            return Optional.ofNullable(last.summary());
        }
        return Optional.ofNullable(previous).map(PreviousJob::summary);
    }

    /** The file {@link #lastSummary} was read from, while it is an earlier process's job; empty otherwise. */
    public Optional<Path> lastReadFrom() {
        return jobs.last() != null ? Optional.empty() : Optional.ofNullable(previous).map(PreviousJob::file);
    }

    public String state() {
        return current().map(j -> j.state().name()).orElse(IDLE);
    }

    /** Lines with an outcome (ok, failed, invalid, duplicate) in the running job. */
    public long done() {
        return current().map(j -> j.stats().done()).orElse(0L);
    }

    /** Ticker lines of the running job ({@link JobRun#totalLines}: counted when it started, or as far as read). */
    public long totalLines() {
        return current().map(JobRun::totalLines).orElse(0L);
    }

    public boolean listComplete() {
        return current().map(JobRun::isListComplete).orElse(false);
    }

    public long succeeded() {
        return current().map(j -> j.stats().succeeded()).orElse(0L);
    }

    public long requests() {
        return current().map(j -> j.stats().requests()).orElse(0L);
    }

    public long rateLimited() {
        return current().map(j -> j.stats().rateLimited()).orElse(0L);
    }

    /**
     * Requests per second as the API counts them: the requests in the current window (one period) over the
     * period. (Over the last minute it counted the previous job's requests too, and read a job's first burst
     * as several times the quota.)
     */
    public double ratePerSecond() {
        JobRun job = jobs.current();
        RateLimiter limiter = jobs.limiter();
        if (job == null || limiter == null) {
            return 0;
        }
        return limiter.currentRate();
    }

    /** Seconds until the running job is done ({@link JobRun#etaSeconds}); -1 when no job runs. */
    public double etaSeconds() {
        JobRun job = jobs.current();
        RateLimiter limiter = jobs.limiter();
        if (job == null || limiter == null) {
            return -1;
        }
        return job.etaSeconds(limiter.quotaPerSecond(), limiter.currentRate());
    }

    /** The limiter's snapshot of one key, or empty before the first job (the limiter is built at a job start). */
    public Optional<KeyStats> key(String label) {
        RateLimiter limiter = jobs.limiter();
        if (limiter == null) {
            return Optional.empty();
        }
        List<KeyStats> all = limiter.stats();
        return all.stream().filter(k -> k.key().equals(label)).findFirst();
    }

    /** The limiter the next permit comes from: asked each time, because a job start may replace it. */
    public RateLimiter limiter() {
        return jobs.limiter();
    }
}
