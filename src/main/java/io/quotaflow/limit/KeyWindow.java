package io.quotaflow.limit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The send log of one API key: the stamps of its requests in the last period (plus margin), and the
 * slots that are reserved or in flight. Not thread safe: {@link RateLimiter} guards it.
 *
 * <p>A new request may go when {@code stamped-in-window + reserved < limit}. A slot stays
 * "reserved" from the moment the throttle step takes it until the response to its request arrives;
 * only then does it get its stamp (see {@link RateLimiter#answered}). So however long a request
 * takes, its slot can never be handed out twice within one window.
 */
final class KeyWindow {

    private static final long MINUTE = 60_000_000_000L;

    private final ApiKey apiKey;
    private volatile int limit;
    /**
     * Answered requests still inside a window: when each was let go ({@code s}) and answered
     * ({@code r}). Their stamps are computed from the current fastest round trip each time, because
     * that estimate only ever shrinks: a stamp only ever moves later, never earlier.
     */
    private final List<long[]> answered = new ArrayList<>();
    private final ArrayDeque<Long> lastMinute = new ArrayDeque<>();
    private int reserved;
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

    /** The latest moment the server can have counted a request, given the fastest round trip seen. */
    private static long stamp(long[] sr, long fastest) {
        return fastest == Long.MAX_VALUE ? sr[1] : Math.max(sr[0], sr[1] - fastest);
    }

    /** The earliest nanoTime at which a slot is free, {@code now} if one is free now, MAX if unknown. */
    long readyAt(long now, long windowNanos, long fastest) {
        long[] stamps = liveStamps(now, windowNanos, fastest);
        int used = stamps.length + reserved;
        long ready;
        if (used < limit) {
            ready = now;
        } else {
            // (used - limit + 1) stamps must leave the window; reservations leave only when answered
            int skip = used - limit;
            if (skip >= stamps.length) {
                return Long.MAX_VALUE;
            }
            ready = stamps[skip] + windowNanos;
        }
        return Math.max(ready, pausedUntil);
    }

    /** Stamps still inside a window at {@code now}, ascending. */
    private long[] liveStamps(long now, long windowNanos, long fastest) {
        purge(now, windowNanos);
        return answered.stream().mapToLong(sr -> stamp(sr, fastest)).filter(t -> t + windowNanos > now).sorted().toArray();
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

    void startSend(long now) {
        inFlight++;
        lastSend = now;
        sentTotal++;
        lastMinute.addLast(now);
    }

    /** Requests of this key on the wire whose response has not come back yet. */
    boolean hasInFlight() {
        return inFlight > 0;
    }

    /** The request of a reserved slot, let go at {@code s}, was answered (or failed) at {@code r}. */
    void answered(long s, long r) {
        inFlight--;
        reserved--;
        answered.add(new long[] {s, r});
    }

    void pauseUntil(long nanos) {
        pausedUntil = Math.max(pausedUntil, nanos);
    }

    void rejected() {
        rateLimited++;
    }

    private void purge(long now, long windowNanos) {
        // r is the latest any stamp can be, so an entry whose r left the window can never count again
        answered.removeIf(sr -> sr[1] + windowNanos <= now);
        while (!lastMinute.isEmpty() && lastMinute.peekFirst() + MINUTE <= now) {
            lastMinute.removeFirst();
        }
    }

    KeyStats stats(long now, long windowNanos, long periodNanos, int waiting, long fastest) {
        int inPeriod = inFlight;
        for (long s : liveStamps(now, windowNanos, fastest)) {
            if (s + periodNanos > now) {
                inPeriod++;
            }
        }
        return new KeyStats(apiKey.label(), limit, inPeriod, reserved - inFlight, waiting, sentTotal,
                lastMinute.size(), rateLimited, pausedUntil > now ? (pausedUntil - now) / 1_000_000 : 0);
    }
}
