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
    /** Stamps of answered requests still inside a window, ascending (insertion keeps the order). */
    private final List<Long> stamps = new ArrayList<>();
    private final ArrayDeque<Long> lastMinute = new ArrayDeque<>();
    private int reserved;
    private int inFlight;
    /** Volatile: a request waiting to go reads it without the limiter's lock. */
    private volatile long pausedUntil = Long.MIN_VALUE;
    private long lastSend = Long.MIN_VALUE;
    /** The newest stamp: the latest moment the server can have counted one of this key's requests. */
    private long latestCount = Long.MIN_VALUE;
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
        return Math.max(belowLimitAt(now, stamps.size() + reserved, windowNanos), pausedUntil);
    }

    /**
     * When a slot reserved earlier may go on the wire: at once, unless the limit was lowered since (then the
     * requests on the wire and stamped in the window must first fall below the new limit). With an unchanged
     * limit it is always at once: a reservation is only made while stamps + reservations are below it.
     */
    long sendableAt(long now, long windowNanos) {
        purge(now, windowNanos);
        return belowLimitAt(now, stamps.size() + inFlight, windowNanos);
    }

    /**
     * When {@code used} slots (the stamps among them) fall below the limit: now, when enough stamps have left the
     * window, or MAX when that also takes an answer (the rest of {@code used} leaves only when answered).
     */
    private long belowLimitAt(long now, int used, long windowNanos) {
        if (used < limit) {
            return now;
        }
        int skip = used - limit; // (used - limit + 1) stamps must leave the window
        return skip < stamps.size() ? stamps.get(skip) + windowNanos : Long.MAX_VALUE;
    }

    void reserve() {
        reserved++;
    }

    void unreserve() {
        reserved--;
    }

    /**
     * How long the next send must wait so that sends of this key stay {@code spacing} apart and none leaves before
     * the key's newest stamp.
     */
    long orderedWait(long now, long spacingNanos) {
        // an unanswered request may still be counted until its stamp (give-up + request-timeout): the next nonce
        // must not reach the server before it
        long spaced = lastSend == Long.MIN_VALUE ? Long.MIN_VALUE : lastSend + spacingNanos;
        long after = Math.max(spaced, latestCount);
        return after == Long.MIN_VALUE ? 0 : after - now;
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

    /** The request of a reserved slot was answered (or failed); the server counted it by {@code stamp}. */
    void answered(long stamp) {
        latestCount = Math.max(latestCount, stamp);
        inFlight--;
        reserved--;
        int at = stamps.size();
        while (at > 0 && stamps.get(at - 1) > stamp) {
            at--;
        }
        stamps.add(at, stamp);
    }

    /** Nanoseconds until the key may send again after a pause; 0 when it is not paused. */
    long pauseLeft(long now) {
        long until = pausedUntil;
        return until > now ? until - now : 0;
    }

    void pauseUntil(long nanos) {
        pausedUntil = Math.max(pausedUntil, nanos);
    }

    void rejected() {
        rateLimited++;
    }

    private void purge(long now, long windowNanos) {
        int expired = 0;
        while (expired < stamps.size() && stamps.get(expired) + windowNanos <= now) {
            expired++;
        }
        stamps.subList(0, expired).clear();
        while (!lastMinute.isEmpty() && lastMinute.peekFirst() + MINUTE <= now) {
            lastMinute.removeFirst();
        }
    }

    /** A slot reserved, in flight, or stamped less than a window ago. */
    boolean busy(long now, long windowNanos) {
        purge(now, windowNanos);
        return reserved > 0 || !stamps.isEmpty();
    }

    KeyStats stats(long now, long windowNanos, long periodNanos, int waiting) {
        purge(now, windowNanos);
        int inPeriod = inFlight;
        for (long s : stamps) {
            if (s + periodNanos > now) {
                inPeriod++;
            }
        }
        return new KeyStats(apiKey.label(), limit, inPeriod, reserved - inFlight, waiting, sentTotal,
                lastMinute.size(), rateLimited, pauseLeft(now) / 1_000_000);
    }
}
