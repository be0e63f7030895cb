package io.quotaflow.summary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Folds results into the figures of a {@link Summary}. Prices are summed as BigDecimal so the average
 * is exact (to 6 decimals), whatever the order results arrive in. Thread safe.
 */
public final class SummaryStats {

    private long total;
    private long succeeded;
    private long failed;
    private long invalid;
    private long duplicates;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal min;
    private BigDecimal max;
    private final Map<String, Long> failures = new TreeMap<>();
    private long requests;
    private long rateLimited;
    // 1 µs .. 1 h with 3 significant digits: about 184 KB whatever the number of requests
    private final Histogram latency = new Histogram(3_600_000_000L, 3);

    public synchronized void add(TickerResult r) {
        switch (r.outcome()) {
            case OK -> {
                total++;
                succeeded++;
                sum = sum.add(r.price());
                min = min == null || r.price().compareTo(min) < 0 ? r.price() : min;
                max = max == null || r.price().compareTo(max) > 0 ? r.price() : max;
            }
            case FAILED -> {
                total++;
                failed++;
                failures.merge(r.reason(), 1L, Long::sum);
            }
            case INVALID -> invalid++;
            case DUPLICATE -> duplicates++;
        }
    }

    /** One HTTP attempt; {@code latencyMicros} < 0 when no response came back. */
    public synchronized void attempt(long latencyMicros, boolean rateLimitedResponse) {
        requests++;
        if (rateLimitedResponse) {
            rateLimited++;
        }
        if (latencyMicros >= 0) {
            latency.recordValue(Math.min(Math.max(latencyMicros, 1), latency.getHighestTrackableValue()));
        }
    }

    public synchronized long done() {
        return succeeded + failed + invalid + duplicates;
    }

    public synchronized long valid() {
        return total;
    }

    public synchronized long succeeded() {
        return succeeded;
    }

    public synchronized long requests() {
        return requests;
    }

    public synchronized long rateLimited() {
        return rateLimited;
    }

    public synchronized BigDecimal average() {
        return succeeded == 0 ? null : sum.divide(BigDecimal.valueOf(succeeded), 6, RoundingMode.HALF_EVEN);
    }

    public synchronized Summary toSummary(String status, double elapsed, double ideal, int keys, String limit,
                                          String startedAt, String finishedAt) {
        Double efficiency = elapsed > 0 && ideal > 0
                ? new BigDecimal(ideal / elapsed).round(new MathContext(4)).doubleValue() : null;
        // no attempt answered: no round trip to report (0 ms would read as a fast API)
        Summary.Latency lat = latency.getTotalCount() == 0 ? null
                : new Summary.Latency(ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(95)),
                        ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()));
        return new Summary(status, total, succeeded, failed, invalid, duplicates, average(), min, max,
                new TreeMap<>(failures), requests, rateLimited, round3(elapsed), round3(ideal), efficiency, lat,
                keys, limit, startedAt, finishedAt);
    }

    private static long ms(long micros) {
        return Math.round(micros / 1000.0);
    }

    private static double round3(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
