package io.quotaflow.simulator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-API-key server state: the label used in stats, the strict sliding window and the last accepted nonce.
 * The raw key only ever lives in this class's private map, so nothing that is reported can leak it.
 */
final class KeyLedger {

    /**
     * Outcome of counting one arrival: when it was stamped, whether the window still had room and, if it had not,
     * the earliest stamp at which a next request of this key fits ({@link #roomAt}, 0 when allowed).
     */
    record Admission(long nanos, boolean allowed, long roomAt) {
    }

    static final class KeyState {
        final String label;
        /**
         * Stamps of every arrival (accepted or not), in the order they were counted: a late stamp may follow younger
         * ones. Dropped from the front once two periods older than the newest.
         */
        private final ArrayDeque<Long> window = new ArrayDeque<>();
        private boolean hasNonce;
        private long lastNonce;

        private KeyState(String label) {
            this.label = label;
        }

        /**
         * Counts an arrival stamped {@code at} against every window of one period that holds it. Stamps come from
         * the connector (plus simulated jitter), so a handler thread that runs late can hand in an older stamp: it
         * is appended all the same, and every stamp in its windows counts, later ones included.
         */
        synchronized Admission arrive(int limit, long periodNanos, long at) {
            long newest = window.isEmpty() ? at : Math.max(at, window.peekLast());
            while (!window.isEmpty() && newest - window.peekFirst() >= 2 * periodNanos) {
                window.pollFirst();
            }
            window.add(at);
            int inWindow = 0;
            for (long t : window) {
                if (t > at - periodNanos && t < at + periodNanos) {
                    inWindow++;
                }
            }
            // any window of one period holding this arrival and more than `limit` arrivals is a violation;
            // counting (at - period, at + period) is the strict, order-independent version of that check
            if (inWindow <= limit) {
                return new Admission(at, true, 0);
            }
            long[] sorted = window.stream().mapToLong(Long::longValue).sorted().toArray(); // a late stamp may be out of order
            return strictCount(sorted, at, periodNanos) <= limit ? new Admission(at, true, 0)
                    : new Admission(at, false, roomAt(sorted, limit, periodNanos));
        }

        /**
         * When a request arriving after every stamp so far is accepted: once the window (t − period, t] holds
         * at most {@code limit - 1} of them, i.e. one period after the {@code limit}-th newest. Rejected arrivals
         * are stamps too, so this is later than "a period after the oldest accepted one" — which is what a
         * Retry-After has to say for a retry sent right after it to get through.
         */
        private static long roomAt(long[] sorted, int limit, long periodNanos) {
            return sorted.length < limit ? Long.MIN_VALUE : sorted[sorted.length - limit] + periodNanos;
        }

        /** The largest number of the (sorted) stamps in any window of one period that contains {@code at}. */
        private static int strictCount(long[] sorted, long at, long periodNanos) {
            int best = 0;
            int lo = 0;
            for (int hi = 0; hi < sorted.length; hi++) {
                while (sorted[hi] - sorted[lo] >= periodNanos) {
                    lo++;
                }
                if (sorted[lo] <= at && at <= sorted[hi]) {
                    best = Math.max(best, hi - lo + 1);
                }
            }
            return best;
        }

        /** Accepts (and remembers) the nonce only if it is strictly greater than the last accepted one. */
        synchronized boolean acceptNonce(long nonce) {
            if (hasNonce && nonce <= lastNonce) {
                return false;
            }
            hasNonce = true;
            lastNonce = nonce;
            return true;
        }
    }

    private final Map<String, KeyState> byKey = new HashMap<>();
    private int nextLabel = 1;

    /** The state of a key, labelling it on first appearance. */
    synchronized KeyState stateFor(String rawKey) {
        return byKey.computeIfAbsent(rawKey, k -> new KeyState("key" + nextLabel++));
    }

    synchronized Optional<String> labelOf(String rawKey) {
        KeyState state = byKey.get(rawKey);
        return state == null ? Optional.empty() : Optional.of(state.label);
    }

    /** Forgets windows, nonces and labels, so the next key seen becomes {@code key1} again. */
    synchronized void clear() {
        byKey.clear();
        nextLabel = 1;
    }
}
