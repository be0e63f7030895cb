package io.quotaflow.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the simulator recorded, for tests and the benchmark to judge the client by. One lock guards it all:
 * the simulator serves at most a few hundred requests per second, so simplicity beats contention here.
 */
final class SimulatorStats {

    /**
     * How many requests are kept for the figures below (about 8 MB): the embedded simulator runs as long as the
     * service, and keeping every request made a demo left running grow by ~20 MB a day at 3 requests per second.
     * Far more than any test or benchmark run sends between resets; the request count covers all.
     */
    static final int KEPT = 100_000;

    private final int kept;
    private final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
    private int requests;
    private int windowRejected;
    private int burstRejected;
    private int nonceErrors;

    SimulatorStats() {
        this(KEPT);
    }

    SimulatorStats(int kept) {
        this.kept = kept;
    }

    synchronized void record(Arrival arrival) {
        arrivals.addLast(arrival);
        requests++;
        if (arrivals.size() > kept) {
            arrivals.removeFirst();
        }
    }

    synchronized void countWindowRejection() {
        windowRejected++;
    }

    synchronized void countBurstRejection() {
        burstRejected++;
    }

    synchronized void countNonceError() {
        nonceErrors++;
    }

    synchronized void clear() {
        arrivals.clear();
        requests = 0;
        windowRejected = 0;
        burstRejected = 0;
        nonceErrors = 0;
    }

    /**
     * Snapshot of the kept requests (the last {@link #KEPT}) ordered by arrival stamp (requests are recorded as their
     * handler threads get to them, and a stamp carries jitter and any late count, so not in stamp order).
     */
    synchronized List<Arrival> arrivals() {
        List<Arrival> copy = new ArrayList<>(arrivals);
        copy.sort(Comparator.comparingLong(Arrival::nanos));
        return copy;
    }

    /** Every request since the start or the last reset, kept or not. */
    synchronized int requestCount() {
        return requests;
    }

    synchronized int windowRejected() {
        return windowRejected;
    }

    synchronized int burstRejected() {
        return burstRejected;
    }

    synchronized int nonceErrors() {
        return nonceErrors;
    }

    synchronized int countFor(String symbol) {
        return (int) arrivals.stream().filter(a -> a.symbol().equals(symbol)).count();
    }

    /** Requests per key label, unauthorized ones excluded. */
    synchronized Map<String, Integer> perKeyCount() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Arrival a : arrivals) {
            if (!a.keyLabel().equals(Arrival.UNAUTHORIZED)) {
                counts.merge(a.keyLabel(), 1, Integer::sum);
            }
        }
        return counts;
    }

    synchronized Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new TreeMap<>();
        arrivals.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return counts;
    }

    synchronized int maxInAnyWindow(String keyLabel, Duration window) {
        long[] stamps = arrivals.stream()
                .filter(a -> a.keyLabel().equals(keyLabel))
                .mapToLong(Arrival::nanos)
                .sorted()
                .toArray();
        return maxInWindow(stamps, window.toNanos());
    }

    synchronized int maxInAnyWindow(Duration window) {
        return perKeyCount().keySet().stream().mapToInt(label -> maxInAnyWindow(label, window)).max().orElse(0);
    }

    /**
     * Largest number of stamps inside any half-open interval (t − window, t], the same rule the server enforces.
     * Two-pointer sweep: for each right end, drop stamps from the left until they are younger than one window.
     */
    static int maxInWindow(long[] sortedNanos, long windowNanos) {
        int max = 0;
        int left = 0;
        for (int right = 0; right < sortedNanos.length; right++) {
            while (sortedNanos[right] - sortedNanos[left] >= windowNanos) {
                left++;
            }
            max = Math.max(max, right - left + 1);
        }
        return max;
    }

    /** The shape served at {@code GET /_sim/stats}. */
    synchronized Map<String, Object> summary(SimulatorSettings settings) {
        Map<String, Object> perKeyMax = new TreeMap<>();
        perKeyCount().keySet().forEach(label -> perKeyMax.put(label, maxInAnyWindow(label, settings.period())));
        Map<String, Integer> perSymbol = new TreeMap<>();
        arrivals.forEach(a -> perSymbol.merge(a.symbol(), 1, Integer::sum));

        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("requests", settings.requests());
        limit.put("periodMillis", settings.period().toMillis());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("limit", limit);
        json.put("requests", requestCount());
        json.put("rejected", windowRejected);
        json.put("burstRejected", burstRejected);
        json.put("nonceErrors", nonceErrors);
        json.put("maxInAnyWindow", maxInAnyWindow(settings.period()));
        json.put("perKey", perKeyCount());
        json.put("perKeyMaxInAnyWindow", perKeyMax);
        json.put("statusCounts", statusCounts());
        json.put("perSymbol", perSymbol);
        return json;
    }
}
