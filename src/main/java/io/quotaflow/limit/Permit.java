package io.quotaflow.limit;

/**
 * A slot in one key's window. Reserved by the route's throttle step, let go at the wire
 * ({@link RateLimiter#send}), stamped when its response arrives ({@link RateLimiter#answered}),
 * or released unused. Until it is stamped it counts as used.
 */
public final class Permit {

    enum State { RESERVED, SENDING, SENT, RELEASED }

    private final long id;
    private final KeyWindow window;
    // written under RateLimiter's lock, read by the exchange's thread afterwards
    volatile State state = State.RESERVED;
    volatile long nonce;
    volatile long sentAtNanos;
    volatile long stampNanos;
    /** When its slot frees: the throttle step may reserve it up to the lead earlier, the wire waits for this. */
    volatile long notBeforeNanos;
    private final long reservedAtNanos;
    /** The permit its request went with instead, when its key was paused before it left ({@link RateLimiter#send}). */
    volatile Permit wentAs;

    Permit(long id, KeyWindow window, long reservedAtNanos) {
        this.id = id;
        this.window = window;
        this.reservedAtNanos = reservedAtNanos;
    }

    public long id() {
        return id;
    }

    public ApiKey key() {
        return window.apiKey();
    }

    KeyWindow window() {
        return window;
    }

    /** The permit this one's request went with: itself, or the one it gave way to when its key rested. */
    public Permit wentAs() {
        Permit p = this;
        while (p.wentAs != null) {
            p = p.wentAs;
        }
        return p;
    }

    /** The nonce its request carries; set when it is let go. */
    public long nonce() {
        return nonce;
    }

    /** {@link System#nanoTime()} when the request was let go onto its connection; 0 if never sent. */
    public long sentAtNanos() {
        return sentAtNanos;
    }

    /** {@link System#nanoTime()} when the throttle step reserved the slot. */
    public long reservedAtNanos() {
        return reservedAtNanos;
    }

    /** The slot's stamp: the latest moment the server can have counted the request; 0 until answered. */
    public long stampNanos() {
        return stampNanos;
    }

    @Override
    public String toString() {
        return "permit " + id + " on " + window.apiKey().label();
    }
}
