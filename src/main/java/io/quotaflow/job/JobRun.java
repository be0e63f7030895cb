package io.quotaflow.job;

import io.quotaflow.config.Durations;
import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.BodyRule;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.summary.ResultsCsv;
import io.quotaflow.summary.Summary;
import io.quotaflow.summary.SummaryStats;
import io.quotaflow.summary.TickerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One job: its settings snapshot, its folder, its running figures and its results file. */
public final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    public enum State { RUNNING, COMPLETED, INCOMPLETE, FAILED }

    /** The failure reason of a ticker cut short by a graceful stop: no row, so a resumed run fetches it. */
    public static final String INTERRUPTED = "interrupted";

    public static final String RESULTS = "results.csv";

    private final QuotaflowSettings settings;
    private final int keys;
    /** Each key's current limit, from the limiter. */
    private final Supplier<List<Integer>> limits;
    /** The keys' limits when the job started. */
    private final List<Integer> startLimits;
    private final Path dir;
    private final Instant startedAt = Instant.now();
    private final SummaryStats stats = new SummaryStats();
    private final ResultsCsv csv;
    private final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastResponse = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong listed = new AtomicLong();
    /** Lines recorded: an outcome, or cut short by a stop. */
    private final AtomicLong recorded = new AtomicLong();
    private volatile RuntimeException failure;
    private volatile OutputLock lock;
    private final AtomicLong interrupted = new AtomicLong();
    private volatile boolean listComplete;
    private volatile long expected = -1;
    private volatile State state = State.RUNNING;
    private volatile Summary summary;

    private final UrlTemplate urls;
    private final BodyRule rateLimitedRule;
    private final BodyRule unknownRule;

    private final ResumeJournal journal;
    private final long earlierValid;
    private final long earlierDone;
    /** Opened by a stop ({@link #requestStop}): wakes the tickers waiting out a retry's backoff ({@link #awaitStop}). */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Runnable onStop = () -> { };

    /** @param journal what an interrupted run in {@code dir} left: its rows are kept and counted */
    JobRun(QuotaflowSettings settings, Supplier<List<Integer>> limits, Path dir, UrlTemplate urls, ResumeJournal journal) {
        this.settings = settings;
        this.limits = limits;
        this.journal = journal;
        this.urls = urls;
        this.rateLimitedRule = new BodyRule("quotaflow.api.rate-limited-when", settings.rateLimitedWhen());
        this.unknownRule = new BodyRule("quotaflow.api.unknown-when", settings.unknownWhen());
        this.startLimits = limits.get();
        this.keys = startLimits.size();
        this.dir = dir;
        // the folder was opened by RunFolder.open, which removed any earlier summary.json
        journal.replay(stats::add); // before this job appends its own rows
        this.csv = new ResultsCsv(dir.resolve(RESULTS), !journal.isEmpty());
        this.earlierValid = stats.valid();
        this.earlierDone = stats.done();
    }

    /** The output folder's lock, held until {@link #releaseLock}. */
    void holding(OutputLock lock) {
        this.lock = lock;
    }

    void releaseLock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    public ResumeJournal journal() {
        return journal;
    }

    /** Graceful stop: read no more lines, retry nothing; what is in flight ends, then an incomplete summary. */
    public void requestStop() {
        stopped.countDown();
        onStop.run();
    }

    /**
     * Waits {@code time}, or less when the job is asked to stop meanwhile: a ticker waiting out a backoff (up to
     * quotaflow.retry.backoff-max, a 429's Retry-After included) must not hold a stop up for that long, nor past
     * camel.main.shutdownTimeout, after which Camel forces the routes down and no summary is written.
     */
    public void awaitStop(Duration time) {
        try {
            stopped.await(time.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a forced shutdown: let the caller's thread end
        }
    }

    /** What else a stop must do: Jobs wakes the tickers waiting in the limiter, which then are not sent. */
    void onStop(Runnable action) {
        this.onStop = action;
    }

    public boolean isStopRequested() {
        return stopped.getCount() == 0;
    }

    public QuotaflowSettings settings() {
        return settings;
    }

    public UrlTemplate urls() {
        return urls;
    }

    public BodyRule rateLimitedRule() {
        return rateLimitedRule;
    }

    public BodyRule unknownRule() {
        return unknownRule;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The job's folder as text, for routes: {@code ${exchangeProperty.quotaflowJob.folder}}. A route that used
     * {@code dir} would get the folder read as a file, which is how Camel turns a Path into a String.
     */
    public String getFolder() {
        return dir.toString();
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
        try {
            if (INTERRUPTED.equals(result.reason())) {
                interrupted.incrementAndGet(); // no outcome yet: a resumed run fetches it
            } else if (csv.write(result)) {
                stats.add(result);
            } else {
                LOG.warn("Line {} ({}) ended as {} after its job had ended: no row, so a resumed run fetches it again",
                        result.line(), result.ticker(), result.outcome().label());
            }
        } finally {
            recorded.incrementAndGet();
        }
    }

    /** Lines read from the list that have no outcome recorded yet (on the wire, queued, or lost by a failure). */
    long unrecorded() {
        return listed.get() - recorded.get();
    }

    /**
     * The list could not be read on (unreadable, or edited while the job ran): the job stops reading and
     * starting tickers, what is on the wire ends and is recorded, and then the job fails with this. Ending
     * the split early instead of throwing out of it matters: Camel's split aggregates nothing after its
     * iterator throws, so the answers still on the wire would get no row, and a resumed run would ask the
     * API for them again.
     */
    void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        requestStop();
    }

    /** Why the job failed while its list was read, or null. */
    RuntimeException failure() {
        return failure;
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

    /** The number of ticker lines counted before the job started (-1 if unknown). */
    void expected(long lines) {
        expected = lines;
    }

    /** Ticker lines in this job: counted up front, or as far as the list has been read if it could not be. */
    public long totalLines() {
        return Math.max(listed.get(), expected);
    }

    /**
     * Seconds until every line is done: at the quota, or, once the job has sent for a whole period, at the rate
     * of the last period when that is lower (a job held back by its own CPU or by 429 rests).
     */
    public double etaSeconds(double quotaPerSecond, double lastPeriodPerSecond) {
        long first = firstSend.get();
        boolean measured = first != Long.MAX_VALUE && System.nanoTime() - first > settings.ratePeriod().toNanos();
        double rate = measured && lastPeriodPerSecond > 0 ? Math.min(quotaPerSecond, lastPeriodPerSecond) : quotaPerSecond;
        // a resumed run's earlier lines are done but took none of this run's requests
        return eta(totalLines() - stats.done(), stats.done() - earlierDone, stats.requests(), rate);
    }

    /**
     * The lines left times the requests a line has taken so far (invalid and duplicate lines take none, retries
     * more), at {@code rate} requests a second.
     */
    static double eta(long linesLeft, long linesDone, long requests, double rate) {
        double perLine = requests == 0 || linesDone == 0 ? 1 : (double) requests / linesDone;
        return Math.max(0, linesLeft) * perLine / rate;
    }

    void listComplete() {
        listComplete = true;
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
     * The least time this list can take at these limits: each key may burst its whole limit at once,
     * so n requests need ceil(n / (sum of the keys' limits)) - 1 further periods after the first burst.
     */
    public static double idealSeconds(long valid, List<Integer> limits, double periodSeconds) {
        long perPeriod = limits.stream().mapToLong(Integer::longValue).sum();
        if (valid == 0 || perPeriod == 0) {
            return 0;
        }
        long bursts = (valid + perPeriod - 1) / perPeriod;
        return (bursts - 1) * periodSeconds;
    }

    /** "22 per 5s per key", or each key's own when an operator changed some at runtime ("3, 5 per 1s"). */
    static String limitText(List<Integer> limits, Duration period) {
        String per = " per " + Durations.format(period);
        return limits.stream().distinct().count() <= 1
                ? (limits.isEmpty() ? 0 : limits.get(0)) + per + " per key"
                : limits.stream().map(String::valueOf).collect(Collectors.joining(", ")) + per + " (key1, key2, ...)";
    }

    Summary finish(State end) {
        try {
            csv.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close " + dir.resolve(RESULTS), e);
        }
        if (end == State.COMPLETED && (isStopRequested() || interrupted.get() > 0)) {
            end = State.INCOMPLETE; // some line has no outcome yet
        }
        // elapsed time is this run's, so the ideal is for the tickers this run fetched
        // the limits the keys have: an operator may have changed them at runtime (setLimit), before this job or
        // during it; during it, the ideal takes each key's higher one, so it stays a time no run could beat
        List<Integer> now = limits.get();
        List<Integer> higher = new ArrayList<>();
        for (int k = 0; k < now.size(); k++) {
            higher.add(Math.max(now.get(k), k < startLimits.size() ? startLimits.get(k) : 0));
        }
        double ideal = idealSeconds(stats.valid() - earlierValid, higher, settings.ratePeriod().toNanos() / 1e9);
        String limit = limitText(now, settings.ratePeriod()) + (now.equals(startLimits) ? ""
                : " (changed during the job, from " + limitText(startLimits, settings.ratePeriod()) + ")");
        summary = stats.toSummary(end.name().toLowerCase(), elapsedSeconds(), ideal, keys, limit,
                startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        state = end;
        return summary;
    }
}
