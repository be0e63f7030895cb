package io.quotaflow.job;

import io.quotaflow.config.QuotaflowSettings;
import java.util.Optional;

/**
 * How a window's burst leaves. When its window frees, every key may send its whole limit at once, but
 * each consumer waits for its answer: keys × requests go out in waves of the consumers seda:fetch runs
 * ({@code quotaflow.consumers} unless fetch.yaml sets its own), one round trip apart. Every later window
 * keeps the first one's spread (a slot frees a period after its own use), so each wave past the first adds
 * a round trip to the job. Told at the job's start when a window needs more than two, with the consumers
 * that would send it in two.
 */
final class BurstWaves {

    private BurstWaves() {
    }

    static int waves(int keys, int requestsPerKey, int consumers) {
        return ceilDiv(keys * requestsPerKey, consumers);
    }

    /**
     * A line for the job-start log when a window's burst needs more than two waves of {@code consumers} (those
     * seda:fetch runs); empty otherwise, and for a list of at most two waves' {@code lines} (it leaves in two
     * whatever the limit: "1000 requests leave in 63 waves" said of 20 tickers misled). {@code routeSetsItsOwn}:
     * fetch.yaml's concurrentConsumers is not quotaflow.consumers, so raising the setting alone would change
     * nothing there.
     */
    static Optional<String> hint(int keys, int requestsPerKey, int consumers, long lines, boolean routeSetsItsOwn) {
        if (lines <= 2L * consumers) {
            return Optional.empty();
        }
        int burst = keys * requestsPerKey;
        int waves = waves(keys, requestsPerKey, consumers);
        if (waves <= 2) {
            return Optional.empty();
        }
        int better = Math.min(QuotaflowSettings.MAX_CONSUMERS, ceilDiv(burst, 2));
        String knob = routeSetsItsOwn ? "concurrentConsumers=" + better + " on seda:fetch (fetch.yaml)"
                : "quotaflow.consumers=" + better;
        return Optional.of(String.format(
                "A window's %d requests (%d key(s) x %d) leave in %d waves of %d consumers, one round trip apart,"
                        + " which adds %d round trips to the job; %s would send them in %d",
                burst, keys, requestsPerKey, waves, consumers, waves - 1, knob, ceilDiv(burst, better)));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
