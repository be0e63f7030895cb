package io.quotaflow.monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quotaflow.summary.Summary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus gauges over the same figures the JMX views show (per key label, running job, last job).
 *
 * <p>Gauges, not counters, on purpose: every value is read from the limiter or the job when scraped, and the
 * limiter's totals start again when a job start rebuilds it, which a Prometheus counter must never do. Names:
 * {@code quotaflow_limiter_*{key="key1"}}, {@code quotaflow_job_*}, {@code quotaflow_last_job_*}.
 *
 * <p>After a restart the {@code quotaflow_last_job_*} gauges show the job an earlier process completed (its
 * latest/summary.json, as the last-job MBean does): a gauge states a value, so showing the same job again counts
 * nothing twice. Nothing else is carried over from the file: the limiter and running-job gauges describe this
 * process only, and no figure of that job is added to any of them.
 */
public final class QuotaflowMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Per-key gauges by label: added and removed as the keys of the live config file change. */
    private final Map<String, List<Meter>> keyMeters = new HashMap<>();

    public QuotaflowMetrics(CurrentJobView job, JobFigures figures) {
        gauge("quotaflow.job.running", "1 while a job runs", () -> JobFigures.IDLE.equals(job.getState()) ? 0 : 1);
        gauge("quotaflow.job.done", "Lines with an outcome in the running job", job::getDone);
        gauge("quotaflow.job.listed", "Ticker lines in the running job (counted when it started)", job::getTotal);
        gauge("quotaflow.job.list.complete", "1 once the whole list has been read", () -> job.isListComplete() ? 1 : 0);
        gauge("quotaflow.job.succeeded", "Tickers with a price in the running job", job::getSucceeded);
        gauge("quotaflow.job.requests", "HTTP attempts in the running job", job::getRequests);
        gauge("quotaflow.job.rate.limited", "Rate-limited answers in the running job", job::getRateLimited);
        gauge("quotaflow.job.rate.per.second", "Requests per second in the last rate period, as the API counts them", job::getRatePerSecond);
        gauge("quotaflow.job.eta.seconds", "Seconds to go (as the progress line's ETA), -1 while unknown", job::getEtaSeconds);
        lastGauge(figures, "succeeded", "Tickers with a price", Summary::succeeded);
        lastGauge(figures, "failed", "Valid tickers without a price", Summary::failed);
        lastGauge(figures, "valid", "Valid tickers", Summary::total);
        lastGauge(figures, "invalid", "Invalid lines", Summary::invalid);
        lastGauge(figures, "requests", "HTTP attempts", Summary::requests);
        lastGauge(figures, "rate.limited", "Rate-limited answers", Summary::rateLimited);
        lastGauge(figures, "elapsed.seconds", "First request to last response", Summary::elapsedSeconds);
        lastGauge(figures, "efficiency", "ideal / elapsed", s -> s.efficiency() == null ? Double.NaN : s.efficiency());
        lastGauge(figures, "average.price", "Average price", s -> toDouble(s.averagePrice()));
        // when, as Unix time: "time() - quotaflow_last_job_finished_timestamp_seconds > 26 * 3600" alerts on a daily
        // job that did not finish, and tells the figures above of a job an earlier process ran from a fresh one
        lastGauge(figures, "finished.timestamp.seconds", "When it finished, in seconds since 1970 (UTC)",
                s -> epochSeconds(s.finishedAt()));
    }

    /** An ISO-8601 instant ({@code finishedAt}) as fractional Unix seconds; NaN when absent or not an instant. */
    static double epochSeconds(String instant) {
        try {
            Instant t = Instant.parse(instant);
            return t.getEpochSecond() + t.getNano() / 1e9;
        } catch (DateTimeParseException | NullPointerException e) {
            return Double.NaN;
        }
    }

    private static double toDouble(BigDecimal d) {
        return d == null ? Double.NaN : d.doubleValue();
    }

    /** The gauges of one key label ({@code quotaflow_limiter_*{key="key1"}}); a label already shown is kept. */
    public synchronized void addKey(LimiterKeyView key) {
        if (keyMeters.containsKey(key.getKey())) {
            return;
        }
        Tags tag = Tags.of("key", key.getKey());
        keyMeters.put(key.getKey(), List.of(
                keyGauge("quotaflow.limiter.limit", "Requests allowed per period", tag, key, LimiterKeyView::getLimit),
                keyGauge("quotaflow.limiter.requests.in.window", "Requests written in the current period", tag, key,
                        LimiterKeyView::getRequestsInWindow),
                keyGauge("quotaflow.limiter.reserved.not.sent", "Slots reserved, not yet on the wire", tag, key,
                        LimiterKeyView::getReservedNotSent),
                keyGauge("quotaflow.limiter.waiting.for.permit", "Exchanges waiting in the throttle step (all keys)",
                        tag, key, LimiterKeyView::getWaitingForPermit),
                keyGauge("quotaflow.limiter.rate.limited.responses", "429 or body rate-limit answers received", tag,
                        key, LimiterKeyView::getRateLimitedResponses),
                keyGauge("quotaflow.limiter.sent.last.minute", "Requests written in the last minute", tag, key,
                        LimiterKeyView::getSentLastMinute),
                keyGauge("quotaflow.limiter.sends", "Requests written since the limiter was built", tag, key,
                        LimiterKeyView::getSentTotal)));
    }

    /** Drops the gauges of a key label that the current keys no longer have. */
    public synchronized void removeKey(String label) {
        List<Meter> meters = keyMeters.remove(label);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    /** The Prometheus text exposition of every gauge, read now. */
    public String scrape() {
        return registry.scrape();
    }

    private Meter keyGauge(String name, String help, Tags tags, LimiterKeyView key, ToDoubleFunction<LimiterKeyView> f) {
        return Gauge.builder(name, key, f).description(help).tags(tags).strongReference(true).register(registry);
    }

    private void gauge(String name, String help, Supplier<Number> value) {
        Gauge.builder(name, value).description(help).strongReference(true).register(registry);
    }

    private void lastGauge(JobFigures figures, String name, String help, ToDoubleFunction<Summary> f) {
        gauge("quotaflow.last.job." + name, help + " (last finished job)",
                () -> figures.lastSummary().map(f::applyAsDouble).orElse(Double.NaN));
    }

}
