package io.quotaflow.limit;

/**
 * A slot in one key's window. Reserved by the route's throttle step, stamped ("committed") at the
 * moment the request goes on the wire, or released unused. Only the committed stamp counts as a send.
 */
public final class Permit {

    enum State { RESERVED, COMMITTED, RELEASED }

    private final long id;
    private final KeyWindow key;
    // written under RateLimiter's lock, read by the exchange's thread afterwards
    volatile State state = State.RESERVED;
    volatile long sentAtNanos;
    volatile long nonce;

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

    /** {@link System#nanoTime()} when the request was handed to the socket; 0 if never sent. */
    public long sentAtNanos() {
        return sentAtNanos;
    }

    public long nonce() {
        return nonce;
    }

    public boolean sent() {
        return state == State.COMMITTED;
    }

    @Override
    public String toString() {
        return "permit " + id + " on " + key.apiKey().label();
    }
}
