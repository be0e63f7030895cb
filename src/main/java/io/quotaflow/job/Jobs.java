package io.quotaflow.job;

import io.quotaflow.Causes;
import io.quotaflow.config.ConfigException;
import io.quotaflow.config.Durations;
import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.Throttle;
import io.quotaflow.fetch.TickerFile;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.fetch.WireGuard;
import io.quotaflow.limit.ApiKey;
import io.quotaflow.limit.RateLimiter;
import io.quotaflow.summary.Summary;
import io.quotaflow.summary.SummaryFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job lifecycle the job route calls: {@link #begin} (re-reads the settings, opens the job's
 * folder), {@link #items} (the ticker list as a stream for the split), {@link #finish} (writes
 * summary.json), and {@link #progress} for the progress route. At most one job runs at a time.
 */
public class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Supplier<QuotaflowSettings> settings;
    private final Throttle throttle;
    private final WireGuard wire;
    private final AtomicReference<JobRun> current = new AtomicReference<>();
    private volatile JobRun last;
    /** Told the key labels whenever a job start builds a new limiter (the console's per-key views follow). */
    private volatile Consumer<List<String>> keysListener = labels -> { };
    private RateLimiter limiter;
    private QuotaflowSettings limiterSettings;
    private volatile boolean closing;
    private volatile QuotaflowSettings started;

    private final Supplier<String> simulator;

    /** quotaflow.consumers at start-up: the HTTP connections and split threads are sized for at least this many. */
    private final int consumers;
    /** The HTTP connections and split threads, sized again at each job start for the consumers seda:fetch runs. */
    private final FetchPools pools;

    /**
     * @param simulator base URL of the embedded simulator, used when no API URL is configured
     * @param consumers quotaflow.consumers at start-up, which sized the HTTP connections and split threads (a
     *                  job's own settings cannot change it; seda:fetch's consumers are counted at each job start,
     *                  and more of them there get the pools sized for them)
     */
    public Jobs(Supplier<QuotaflowSettings> settings, Throttle throttle, WireGuard wire, Supplier<String> simulator,
                int consumers) {
        this.settings = settings;
        this.consumers = consumers;
        this.pools = new FetchPools(consumers);
        this.simulator = simulator;
        this.throttle = throttle;
        this.wire = wire;
    }

    /** Where a service keeps the summary of its newest completed job: {@code <output-dir>/latest/summary.json}. */
    public static Path latestSummary(Path outputDir) {
        return outputDir.resolve(RunFolder.LATEST).resolve(SummaryFiles.SUMMARY);
    }

    /**
     * The settings the app started with. Some apply only at start-up (threads, the HTTP client, the timer, the
     * embedded simulator): a live config file that changes them is told so at the next job, not ignored silently.
     */
    public void startedWith(QuotaflowSettings started) {
        this.started = started;
    }

    private void warnAboutWhatNeedsARestart(QuotaflowSettings s) {
        QuotaflowSettings at = started;
        if (at == null) {
            return;
        }
        restartOnly("quotaflow.consumers", s.consumers(), at.consumers());
        restartOnly("quotaflow.request-timeout", Durations.format(s.requestTimeout()), Durations.format(at.requestTimeout()));
        restartOnly("quotaflow.progress-interval", Durations.format(s.progressInterval()),
                Durations.format(at.progressInterval()));
        // only what the simulator would refuse: a lower limit or a longer period is safe under its limit
        if (s.simulated() && at.simulated() && (s.rateRequests() > at.rateRequests() || s.ratePeriod().compareTo(at.ratePeriod()) < 0
                || !Set.copyOf(at.apiKeys()).equals(Set.copyOf(s.apiKeys())) || at.nonceEnabled() != s.nonceEnabled())) {
            LOG.warn("The embedded simulator keeps the limit, keys and nonce mode it started with ({} per {}, {} key(s),"
                    + " nonce {}); this job's quotaflow.rate.*, quotaflow.api.keys or nonce (live config file) ask for more"
                    + " or other: a higher rate gets 429s, other keys 'unauthorized'. Restart to start the simulator with them.",
                    at.rateRequests(), Durations.format(at.ratePeriod()), at.apiKeys().size(), at.nonceEnabled() ? "on" : "off");
        }
    }

    private static void restartOnly(String key, Object now, Object atStart) {
        if (!now.equals(atStart)) {
            LOG.warn("{} is {} in the live config file, but the running service keeps {} (set at start-up): it applies"
                    + " at the next restart", key, now, atStart);
        }
    }

    /** Starts a job: fresh settings, limiter pointed at them, a folder and an empty summary. */
    public JobRun begin(Exchange exchange) {
        JobRun running = current.get();
        if (running != null) {
            // checked before any folder is touched: the running job's folder must stay as it is
            throw new IllegalStateException("a job is already running since " + running.startedAt());
        }
        QuotaflowSettings s = settings.get();
        TickerFile.check(s.tickers());
        warnAboutWhatNeedsARestart(s);
        Instant now = Instant.now();
        createFolder(s.outputDir());
        OutputLock lock = OutputLock.take(s.outputDir());
        try {
            // a service continues the newest run a crash or stop left unfinished; otherwise a new folder per job
            Path runs = s.outputDir().resolve("runs");
            Path dir = s.runOnce() ? s.outputDir()
                    : ResumeJournal.interruptedRun(runs, s.resume()).orElseGet(() -> jobFolder(runs, now));
            createFolder(dir);
            JobRun job = startIn(dir, exchange, s, now, runs);
            job.holding(lock);
            return job;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A service's folder for the job started at {@code start}: named by that time (UTC), so the newest sorts last. */
    private static Path jobFolder(Path runs, Instant start) {
        return runs.resolve(FOLDER.format(start));
    }

    /** The rest of begin, with the output folder locked: resume or start over in {@code dir}. */
    private JobRun startIn(Path dir, Exchange exchange, QuotaflowSettings s, Instant now, Path runs) {
        // read the journal before RunFolder.open removes the previous summary.json it is judged by
        ResumeJournal journal = ResumeJournal.load(dir, s.resume(), TickerFile.lineBound(s.tickers()));
        // a kill after the first requests left but before their rows leaves the marker and no row: its
        // requests are in the server's window all the same (so is any run's that started over with resume=false)
        boolean interrupted = !journal.isEmpty() || Files.exists(dir.resolve(RunFolder.INCOMPLETE));
        Path interruptedIn = dir;
        Optional<String> changed = journal.changedLine(s.tickers(), s.symbolPattern());
        if (changed.isPresent()) {
            if (s.runOnce()) {
                throw new ConfigException("quotaflow.tickers", changed.get() + "; delete "
                        + dir.resolve(JobRun.RESULTS) + " or set quotaflow.resume=false");
            }
            // a service must not stay stuck on it: the interrupted folder is kept as it is, this job starts over
            Path fresh = jobFolder(runs, now);
            LOG.warn("Not resuming the interrupted run in {}: {}. It is kept as it is; this job starts over in {}",
                    dir, changed.get(), fresh);
            dir = fresh;
            journal = ResumeJournal.none();
            createFolder(dir);
        }
        RunFolder.open(dir, now);
        RateLimiter rl = limiterFor(s);
        UrlTemplate urls = new UrlTemplate(s.simulated() ? simulatedUrl() : s.apiUrl(), s.apiKeys());
        JobRun job = new JobRun(s, rl::limits, dir, urls, journal);
        job.onStop(rl::wakeWaiters);
        job.expected(TickerFile.countTickerLines(s.tickers()));
        if (!current.compareAndSet(null, job)) {
            throw new IllegalStateException("a job is already running since " + current.get().startedAt());
        }
        if (closing) {
            // the process began stopping before this job started (e.g. SIGTERM during start-up): it reads no
            // line and ends at once as "incomplete", so nothing is fetched and a restart resumes the list
            job.requestStop();
            LOG.warn("quotaflow is stopping: this job starts no ticker and is saved as incomplete in {}", dir);
        }
        rl.stopWhen(job::isStopRequested);
        throttle.use(rl);
        wire.use(rl, urls, s.apiKeyHeader(), s.serverTiming(), s.retryBackoff(), s.rateEnforced());
        if (!s.rateEnforced()) {
            LOG.warn("quotaflow.rate.enforce=false: quotaflow's limiter is OFF; only the routes limit the rate");
        }
        exchange.setProperty(Outcomes.JOB, job);
        if (interrupted) {
            // the interrupted process's last requests may still be in the server's window (resumed or not)
            rl.pauseAll(s.ratePeriod().plus(s.rateMargin()));
            if (!job.journal().isEmpty()) {
                LOG.info("Resuming the interrupted run in {}: {} line(s) already done are kept and not requested"
                        + " again; first request after one rate period", dir, job.journal().size());
            } else {
                String why = !s.resume() ? "quotaflow.resume=false: this job starts over and replaces its rows"
                        : changed.isPresent() ? "not continued: the list changed" : "it left no row";
                LOG.info("The last run in {} did not complete ({}): its last requests may still count at the API, so"
                        + " the first request waits one rate period", interruptedIn, why);
            }
        }
        String stamps = s.serverTiming().isEmpty() ? "" : " less Server-Timing '" + s.serverTiming() + "'";
        OptionalInt fetchers = FetchConsumers.of(exchange.getContext());
        LOG.info("Job started: tickers from {}, {} key(s) at {} (+{} ms margin, slots stamped at the response{}),"
                + " {}, output {}", s.tickers(), rl.keyCount(), JobRun.limitText(rl.limits(), s.ratePeriod()),
                s.rateMargin().toMillis(), stamps,
                fetchers.isPresent() ? fetchers.getAsInt() + " consumers" : "no route consumes seda:" + FetchConsumers.QUEUE,
                dir);
        fetchers.ifPresent(n -> fitConsumers(exchange.getContext(), rl.keyCount(), s.rateRequests(), n, job.totalLines()));
        return job;
    }

    /**
     * The HTTP connections and split threads sized for the consumers seda:fetch runs, at least quotaflow.consumers
     * (a fetch.yaml edit may give it more, or fewer, see {@link FetchPools}); then the burst-waves hint for them.
     */
    private void fitConsumers(CamelContext context, int keys, int requestsPerKey, int fetchers, long lines) {
        int size = Math.max(consumers, fetchers);
        if (pools.size(context, size)) {
            LOG.info("HTTP connections and split threads resized for {} consumers (seda:{} runs {},"
                    + " quotaflow.consumers={})", size, FetchConsumers.QUEUE, fetchers, consumers);
        }
        if (fetchers > 0) {
            BurstWaves.hint(keys, requestsPerKey, fetchers, lines, fetchers != consumers).ifPresent(LOG::info);
        }
    }

    /** The ticker list as a lazy iterator of items; the split pulls one at a time. */
    public Iterator<TickerItem> items(Exchange exchange) {
        JobRun job = exchange.getProperty(Outcomes.JOB, JobRun.class);
        TickerFile file = TickerFile.open(job.settings().tickers(), job.settings().symbolPattern());
        return new CountingItems(job.journal().skipDone(file, job), job);
    }

    /** Ends the job: summary.json written, the readable block logged, the summary as the body. */
    public Summary finish(Exchange exchange) {
        JobRun job = exchange.getProperty(Outcomes.JOB, JobRun.class);
        if (job.failure() != null) {
            throw job.failure(); // the list could not be read to its end: the route's doCatch aborts the job
        }
        try {
            Summary summary = job.finish(JobRun.State.COMPLETED);
            SummaryFiles.write(job.dir(), summary);
            if (job.state() == JobRun.State.COMPLETED) {
                RunFolder.complete(job.dir(), job.settings().outputDir(), job.settings().runOnce());
            } else {
                // stopped: the folder stays marked and unpublished, and the next start resumes it
                RunFolder.stopped(job.dir(), Instant.now());
            }
            LOG.info("{}  files     {}", SummaryFiles.block(summary), job.dir());
            warnIfNothingSucceeded(summary);
            return summary;
        } finally {
            ended(job);
        }
    }

    /** A job's last step, however it ended: old job folders go (still under the lock), then the next job may start. */
    private void ended(JobRun job) {
        try {
            QuotaflowSettings s = job.settings();
            if (!s.runOnce()) {
                int deleted = RunFolder.prune(job.dir(), s.keepRuns());
                if (deleted > 0) {
                    LOG.info("Deleted the {} oldest job folder(s) in {} (quotaflow.keep-runs={})", deleted,
                            job.dir().getParent(), s.keepRuns());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete old job folders (quotaflow.keep-runs): {}; the next job tries again", describe(e));
        } finally {
            last = job;
            job.releaseLock();
            current.compareAndSet(job, null);
        }
    }

    /**
     * A job whose every ticker failed still "completed" (the contract: exit 0, the rows say why), but a
     * wrong key or URL then looks like a run: one line says so, naming the likely setting.
     */
    private static void warnIfNothingSucceeded(Summary summary) {
        if (summary.total() == 0 || summary.succeeded() > 0 || !"completed".equals(summary.status())) {
            return;
        }
        Map<String, Long> failures = summary.failures();
        String hint = failures.containsKey("unauthorized") ? ": the API refused the key(s); check quotaflow.api.keys"
                + " (and quotaflow.api.key-header)"
                : failures.containsKey("unknown host") || failures.containsKey("connection refused")
                ? ": check quotaflow.api.url"
                // an API that answers a wrong key with 200 and no quote reads as unknown symbols under unknown-when
                : failures.keySet().equals(Set.of("unknown symbol")) && summary.total() > 1
                ? ": every ticker was unknown to the API; check the list, then quotaflow.api.keys (some APIs answer a"
                + " wrong key as they answer an unknown symbol) and quotaflow.api.unknown-when" : "";
        LOG.warn("No ticker got a price in this job ({} failed: {}){}", summary.failed(), failures, hint);
    }

    /**
     * Ends a job that failed as a whole (e.g. its list became unreadable): logged, no summary that
     * looks complete, and rethrown so a scripted run exits non-zero.
     */
    public void abort(Exchange exchange) {
        JobRun job = exchange.getProperty(Outcomes.JOB, JobRun.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String why = describe(e);
        if (job != null) {
            // lines still in flight send nothing more: their outcomes would have nowhere to go
            job.requestStop();
            long lost = job.unrecorded();
            if (lost > 0) {
                why += " (" + lost + " line(s) read had no outcome yet; a resumed run fetches them)";
            }
            try {
                job.finish(JobRun.State.FAILED);
            } catch (RuntimeException closing) {
                why += "; then " + describe(closing);
            } finally {
                // whatever happened above, the next job must be able to start
                ended(job);
            }
        }
        LOG.error("Job failed: {}", why);
        throw new JobFailedException("job failed: " + why, e);
    }

    /** The message and its causes' ("cannot create output folder out: out: Not a directory"). */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable c : Causes.of(e)) {
            if (c instanceof CamelExecutionException && c.getCause() != null) {
                continue; // "Exception occurred during execution on the exchange: Exchange[...]" says nothing
            }
            String m = message(c);
            if (!text.toString().contains(m)) {
                text.append(text.isEmpty() ? "" : ": ").append(m);
            }
        }
        return text.toString();
    }

    /** A file system error's message is often just the path: what went wrong is its type. */
    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + m + "): give the JVM a larger heap, e.g. java -Xmx1g -jar ...";
        }
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : null;
            return what == null ? m : m + " (" + what + ")";
        }
        return m;
    }

    /** A job that could not complete as a whole. */
    public static final class JobFailedException extends RuntimeException {
        JobFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The process is stopping (SIGTERM, Ctrl-C): the running job and any job that begins from now on start no
     * more tickers and retry nothing.
     *
     * @return the running job, if this call asked it to stop
     */
    public JobRun stopping() {
        closing = true; // before reading current: begin() sets current, then reads closing
        JobRun job = current.get();
        if (job == null || job.isStopRequested()) {
            return null;
        }
        job.requestStop();
        return job;
    }

    /**
     * One progress line for the progress route, or null when no job runs. A route someone stopped (the console's
     * Stop on fetch-quote) holds the job until it is started again, which the line then says.
     */
    public synchronized String progress(CamelContext context) {
        JobRun job = current.get();
        if (job == null) {
            return null;
        }
        double rate = limiter.currentRate();
        double quota = limiter.quotaPerSecond();
        String line = String.format("Progress: %d/%d lines done, %.1f req/s (quota %.1f/s), ETA %.0f s, %d rate limited so far",
                job.stats().done(), job.totalLines(), rate, quota, job.etaSeconds(quota, rate), job.stats().rateLimited());
        List<String> stopped = context.getRoutes().stream().filter(Route::isAutoStartup).map(Route::getRouteId)
                .filter(id -> context.getRouteController().getRouteStatus(id) != ServiceStatus.Started).sorted().toList();
        return stopped.isEmpty() ? line : line + "; stopped route(s): " + String.join(", ", stopped)
                + " (the job waits while a route it runs through is stopped)";
    }

    public JobRun current() {
        return current.get();
    }

    public JobRun last() {
        return last;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    /**
     * Called with the key labels each time a job start builds a new limiter: keys set in the live config file
     * apply at the next job, and whatever shows one view per key must follow. Null stops the calls.
     */
    public void onNewKeys(Consumer<List<String>> listener) {
        keysListener = listener == null ? labels -> { } : listener;
    }

    private String simulatedUrl() {
        return simulator.get() + "/quote?symbol={ticker}&apikey={apiKey}";
    }

    /**
     * Keeps the limiter (and its send history) across jobs unless keys, period, margin, lead or nonce mode
     * changed; a new one starts after the old one's last window.
     */
    private synchronized RateLimiter limiterFor(QuotaflowSettings s) {
        boolean same = limiter != null && limiterSettings.apiKeys().equals(s.apiKeys())
                && limiterSettings.ratePeriod().equals(s.ratePeriod())
                && limiterSettings.rateMargin().equals(s.rateMargin())
                && limiterSettings.rateLead().equals(s.rateLead())
                && limiterSettings.nonceEnabled() == s.nonceEnabled();
        if (!same) {
            RateLimiter previous = limiter;
            limiter = new RateLimiter(ApiKey.all(s.apiKeys()), s.rateRequests(), s.ratePeriod(), s.rateMargin(), s.rateLead(), s.nonceEnabled());
            keysListener.accept(limiter.labels());
            if (previous != null && previous.busyInWindow()) {
                // the new limiter knows nothing of the requests the server still counts, nor of a 429's rest
                Duration window = Durations.max(Durations.max(previous.period(), s.ratePeriod())
                        .plus(Durations.max(limiterSettings.rateMargin(), s.rateMargin())), previous.longestPause());
                limiter.pauseAll(window);
                LOG.info("Rate settings or keys changed while the last requests are still in the API's window:"
                        + " first request in {} ms", window.toMillis());
            }
        } else if (limiterSettings.rateRequests() != s.rateRequests()) {
            limiter.labels().forEach(l -> limiter.setLimit(l, s.rateRequests()));
        }
        limiterSettings = s;
        return limiter;
    }

    private static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + dir + " (quotaflow.output-dir)", e);
        }
    }

    /** Counts items as the split pulls them, so progress knows how much of the list has been read. */
    private static final class CountingItems implements Iterator<TickerItem>, Closeable {
        private final ResumeJournal.Remaining file;
        private final JobRun job;

        CountingItems(ResumeJournal.Remaining file, JobRun job) {
            this.file = file;
            this.job = job;
        }

        @Override
        public boolean hasNext() {
            boolean more;
            try {
                more = file.hasNext();
            } catch (RuntimeException e) {
                job.fail(e); // end the split here, so the tickers on the wire are still recorded
                return false;
            }
            if (!more && !job.isStopRequested()) {
                job.listComplete();
            }
            return more;
        }

        @Override
        public TickerItem next() {
            TickerItem item = file.next(); // hasNext() read it already
            job.listed();
            return item;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
