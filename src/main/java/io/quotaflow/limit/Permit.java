package io.quotaflow.limit;

/**
 * A slot in one key's window. Reserved by the route's throttle step, let go at the wire
 * ({@link RateLimiter#startSend}), stamped when its response arrives ({@link RateLimiter#answered}),
 * or released unused. Until it is stamped it counts as used.
 */
public final class Permit {

    enum State { RESERVED, SENDING, SENT, RELEASED }

    private final long id;
    private final KeyWindow key;
    // written under RateLimiter's lock, read by the exchange's thread afterwards
    volatile State state = State.RESERVED;
    volatile long nonce;
    volatile long writtenAtNanos;

    Permit(long id, KeyWindow key) {
        this.id = id;
        this.key = key;
    }

    public long id() {
        return id;
    }

    public ApiKey key() {
        return key.apiKey();
    }

    KeyWindow window() {
        return key;
    }

    /** {@link System#nanoTime()} when the request was let go onto its connection; 0 if never sent. */
    public long sentAtNanos() {
        return writtenAtNanos;
    }

    @Override
    public String toString() {
        return "permit " + id + " on " + key.apiKey().label();
    }
}
