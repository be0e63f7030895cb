package io.quotaflow.fetch;

import io.quotaflow.limit.Permit;

/** What one ticker's fetch has been through so far; lives on the exchange while it is retried. */
public final class Attempts {

    final TickerItem item;
    int attempts;
    int errors;
    int rateLimited;
    Permit permit;
    /** When this attempt's request was prepared; the send time when no permit tells it (limiter off). */
    long preparedAtNanos;
    long backoffMillis;
    boolean again = true;

    Attempts(TickerItem item) {
        this.item = item;
    }

    public TickerItem item() {
        return item;
    }

    /** Read by the route's loop: true while another attempt is due. */
    public boolean isAgain() {
        return again;
    }

    /** How long to wait before the next attempt ({@link Outcomes#backoff}); readable by routes. */
    public long getBackoffMillis() {
        return backoffMillis;
    }

    public int attempts() {
        return attempts;
    }
}
