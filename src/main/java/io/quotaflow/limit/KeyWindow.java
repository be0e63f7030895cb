package io.quotaflow.limit;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The send log of one API key: the stamps of the requests sent in the last period (plus margin) and
 * the slots reserved but not yet on the wire. Not thread safe: {@link RateLimiter} guards it.
 *
 * <p>A new request may go when {@code sent-in-window + reserved < limit}. Counting reservations keeps
 * the promise even while a reserved request is still setting up its connection: the slot is only
 * stamped when the bytes leave, so the window at the server can never hold more than the limit.
 */
final class KeyWindow {

    private static final long MINUTE = 60_000_000_000L;

    private final ApiKey apiKey;
    private volatile int limit;
    private final ArrayDeque<Long> stamps = new ArrayDeque<>();
    private final ArrayDeque<Long> lastMinute = new ArrayDeque<>();
    private int reserved;
    private int sending;
    private int inFlight;
    private long pausedUntil = Long.MIN_VALUE;
    private long lastSend = Long.MIN_VALUE;
    private long lastNonce;
    private long sentTotal;
    private long rateLimited;

    KeyWindow(ApiKey apiKey, int limit) {
        this.apiKey = apiKey;
        this.limit = limit;
    }

    ApiKey apiKey() {
        return apiKey;
    }

    int limit() {
        return limit;
    }

    void limit(int limit) {
        this.limit = limit;
    }

    /** The earliest nanoTime at which a slot is free, {@code now} if one is free now, MAX if unknown. */
    long readyAt(long now, long windowNanos) {
        purge(now, windowNanos);
        int used = stamps.size() + reserved;
        long ready;
        if (used < limit) {
            ready = now;
        } else {
            // (used - limit + 1) stamps must leave the window; reservations leave only by being sent
            int skip = used - limit;
            if (skip >= stamps.size()) {
                return Long.MAX_VALUE;
            }
            Iterator<Long> it = stamps.iterator();
            for (int i = 0; i < skip; i++) {
                it.next();
            }
            ready = it.next() + windowNanos;
        }
        return Math.max(ready, pausedUntil);
    }

    void reserve() {
        reserved++;
    }

    void unreserve() {
        reserved--;
    }

    /** How long the next send must wait so that sends of this key stay {@code spacing} apart. */
    long orderedWait(long now, long spacingNanos) {
        return lastSend == Long.MIN_VALUE ? 0 : lastSend + spacingNanos - now;
    }

    /** The nonce for the next send; it must also beat any nonce an earlier run used, so it starts from the clock. */
    long nextNonce() {
        lastNonce = Math.max(lastNonce + 1, System.currentTimeMillis() * 1000);
        return lastNonce;
    }

    void startSend() {
        sending++;
        inFlight++;
    }

    void finished() {
        inFlight--;
    }

    /** Requests of this key written (or being written) whose response has not come back yet. */
    boolean hasInFlight() {
        return inFlight > 0;
    }

    /** Stamps a reserved slot as written at {@code now}: from here on it counts for one window. */
    void sent(long now) {
        sending--;
        reserved--;
        stamps.addLast(now);
        lastMinute.addLast(now);
        lastSend = now;
        sentTotal++;
    }


    void pauseUntil(long nanos) {
        pausedUntil = Math.max(pausedUntil, nanos);
    }

    void rejected() {
        rateLimited++;
    }

    private void purge(long now, long windowNanos) {
        while (!stamps.isEmpty() && stamps.peekFirst() + windowNanos <= now) {
            stamps.removeFirst();
        }
        while (!lastMinute.isEmpty() && lastMinute.peekFirst() + MINUTE <= now) {
            lastMinute.removeFirst();
        }
    }

    KeyStats stats(long now, long windowNanos, long periodNanos, int waiting) {
        purge(now, windowNanos);
        int inPeriod = 0;
        for (long s : stamps) {
            if (s + periodNanos > now) {
                inPeriod++;
            }
        }
        return new KeyStats(apiKey.label(), limit, inPeriod, reserved, waiting, sentTotal, lastMinute.size(),
                rateLimited, pausedUntil > now ? (pausedUntil - now) / 1_000_000 : 0);
    }
}
