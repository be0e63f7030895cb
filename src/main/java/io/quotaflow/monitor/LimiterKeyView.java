package io.quotaflow.monitor;

import io.quotaflow.config.Durations;
import io.quotaflow.limit.KeyStats;
import io.quotaflow.limit.RateLimiter;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;

/**
 * One API key's limiter figures in JMX ({@code io.quotaflow:type=limiter,key=key1}), and the operation that
 * changes its limit at runtime. Only the label is shown, never the key itself.
 *
 * <p>Before the first job there is no limiter yet: the figures are 0 and the limit is the configured one.
 * {@code setLimit} is an operation, not a writable attribute, so the console shows it under Operations, and
 * {@code ReadOnlyOperations} refuses it to viewers (a "set" name is never read-only).
 */
@ManagedResource(description = "quotaflow rate limiter: one API key")
public final class LimiterKeyView {

    private final String label;
    private final int configuredLimit;
    private final JobFigures figures;

    public LimiterKeyView(String label, int configuredLimit, JobFigures figures) {
        this.label = label;
        this.configuredLimit = configuredLimit;
        this.figures = figures;
    }

    private KeyStats stats() {
        return figures.key(label).orElse(new KeyStats(label, configuredLimit, 0, 0, 0, 0, 0, 0, 0));
    }

    @ManagedAttribute(description = "Label of the API key (key1, key2, ... in the order configured)")
    public String getKey() {
        return label;
    }

    @ManagedAttribute(description = "Requests allowed per period for this key (the current limit)")
    public int getLimit() {
        return stats().limit();
    }

    @ManagedAttribute(description = "Requests written in the current period (the last rate.period)")
    public int getRequestsInWindow() {
        return stats().sentInCurrentWindow();
    }

    @ManagedAttribute(description = "Slots reserved and not yet written to the wire")
    public int getReservedNotSent() {
        return stats().reservedNotSent();
    }

    @ManagedAttribute(description = "Exchanges blocked in the throttle step waiting for a permit (all keys)")
    public int getWaitingForPermit() {
        return stats().waitingForPermit();
    }

    @ManagedAttribute(description = "429 (or body rate-limit) answers received for this key")
    public long getRateLimitedResponses() {
        return stats().rateLimitedResponses();
    }

    @ManagedAttribute(description = "Requests written in the last minute")
    public int getSentLastMinute() {
        return stats().sentLastMinute();
    }

    @ManagedAttribute(description = "Requests written since the limiter was built (a job start rebuilds it when keys or period change)")
    public long getSentTotal() {
        return stats().sentTotal();
    }

    @ManagedAttribute(description = "Milliseconds this key stays idle after a Retry-After")
    public long getPausedForMillis() {
        return stats().pausedForMillis();
    }

    /**
     * Changes this key's limit from the next permit on (the provider changed the plan). It stays in force for
     * later jobs until quotaflow.rate.requests itself changes, or a change of keys, period, margin, lead or nonce
     * mode gives the next job a new limiter. Logged by the limiter.
     */
    @ManagedOperation(description = "Change this key's limit (requests per period) from the next permit on")
    public String setLimit(int requestsPerPeriod) {
        RateLimiter limiter = figures.limiter();
        if (limiter == null) {
            throw new IllegalStateException("no job has started yet: the limiter is built when the first job starts");
        }
        limiter.setLimit(label, requestsPerPeriod);
        return label + " limit is now " + requestsPerPeriod + " per " + Durations.format(limiter.period());
    }
}
