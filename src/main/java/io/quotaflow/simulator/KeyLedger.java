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

    /** Outcome of counting one arrival: when it was stamped and whether the window still had room. */
    record Admission(long nanos, boolean allowed) {
    }

    static final class KeyState {
        final String label;
        /** Stamps of every arrival (accepted or not) younger than one period, oldest first. */
        private final ArrayDeque<Long> window = new ArrayDeque<>();
        private boolean hasNonce;
        private long lastNonce;

        private KeyState(String label) {
            this.label = label;
        }

        /**
         * Stamps the arrival and counts it against the window (t − period, t]. The stamp is taken inside the lock
         * so stamps and window order agree even when requests race.
         */
        synchronized Admission arrive(int limit, long periodNanos) {
            long now = System.nanoTime();
            while (!window.isEmpty() && now - window.peekFirst() >= periodNanos) {
                window.pollFirst();
            }
            window.addLast(now);
            return new Admission(now, window.size() <= limit);
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
