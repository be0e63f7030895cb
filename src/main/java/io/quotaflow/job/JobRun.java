package io.quotaflow.job;

import io.quotaflow.config.Durations;
import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.BodyRateLimitRule;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.summary.ResultsCsv;
import io.quotaflow.summary.Summary;
import io.quotaflow.summary.SummaryStats;
import io.quotaflow.summary.TickerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One job: its settings snapshot, its folder, its running figures and its results file. */
public final class JobRun {

    public enum State { RUNNING, COMPLETED, FAILED }

    public static final String RESULTS = "results.csv";

    private final QuotaflowSettings settings;
    private final int keys;
    private final Path dir;
    private final Instant startedAt = Instant.now();
    private final SummaryStats stats = new SummaryStats();
    private final ResultsCsv csv;
    private final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastResponse = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong listed = new AtomicLong();
    private volatile boolean listComplete;
    private volatile State state = State.RUNNING;
    private volatile Summary summary;

    private final UrlTemplate urls;
    private final BodyRateLimitRule bodyRule;

    JobRun(QuotaflowSettings settings, int keys, Path dir, UrlTemplate urls) {
        this.settings = settings;
        this.urls = urls;
        this.bodyRule = new BodyRateLimitRule(settings.rateLimitedWhen());
        this.keys = keys;
        this.dir = dir;
        this.csv = new ResultsCsv(dir.resolve(RESULTS));
    }

    public QuotaflowSettings settings() {
        return settings;
    }

    public UrlTemplate urls() {
        return urls;
    }

    public BodyRateLimitRule bodyRule() {
        return bodyRule;
    }

    public Path dir() {
        return dir;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public State state() {
        return state;
    }

    public SummaryStats stats() {
        return stats;
    }

    public Summary summary() {
        return summary;
    }

    /** Every outcome goes through here exactly once: the summary and the results file. */
    public void record(TickerResult result) {
        stats.add(result);
        csv.write(result);
    }

    /** One HTTP attempt: when it was written, and how long until its response (or -1 if none). */
    public void attempt(long sentAtNanos, long latencyNanos, boolean rateLimited) {
        if (sentAtNanos > 0) {
            firstSend.accumulateAndGet(sentAtNanos, Math::min);
            lastResponse.accumulateAndGet(System.nanoTime(), Math::max);
        }
        stats.attempt(latencyNanos < 0 ? -1 : latencyNanos / 1000, rateLimited);
    }

    void listed() {
        listed.incrementAndGet();
    }

    void listComplete() {
        listComplete = true;
    }

    public long listedSoFar() {
        return listed.get();
    }

    public boolean isListComplete() {
        return listComplete;
    }

    /** First request written to last response, in seconds. */
    public double elapsedSeconds() {
        long first = firstSend.get();
        long last = lastResponse.get();
        return first == Long.MAX_VALUE || last < first ? 0 : (last - first) / 1e9;
    }

    /**
     * The least time this list can take at this limit: each key may burst its whole limit at once,
     * so n requests need ceil(n / (keys * limit)) - 1 further periods after the first burst.
     */
    public static double idealSeconds(long valid, int keys, int limit, double periodSeconds) {
        if (valid == 0) {
            return 0;
        }
        long bursts = (valid + (long) keys * limit - 1) / ((long) keys * limit);
        return (bursts - 1) * periodSeconds;
    }

    Summary finish(State end) {
        try {
            csv.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close " + dir.resolve(RESULTS), e);
        }
        double ideal = idealSeconds(stats.valid(), keys, settings.rateRequests(), settings.ratePeriod().toNanos() / 1e9);
        String limit = settings.rateRequests() + " per " + Durations.format(settings.ratePeriod()) + " per key";
        summary = stats.toSummary(end.name().toLowerCase(), elapsedSeconds(), ideal, keys, limit,
                startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        state = end;
        return summary;
    }
}
