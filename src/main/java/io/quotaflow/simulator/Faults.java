package io.quotaflow.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault mix of a running {@link QuoteSimulator}. Every field is volatile (or atomic) so a test can flip a
 * fault on while requests are in flight and the very next request sees it. All rates default to 0.
 *
 * <p>Each accepted request rolls one die in [0, 1); the rates are stacked in the order they are declared here
 * (500, malformed, missing price, hang, reset, slow, body rate limit). If they add up to more than 1, the later
 * ones get what is left.
 */
public final class Faults {

    /** What the handler does to one request instead of (or before) answering it normally. */
    enum Fault { NONE, ERROR_500, MALFORMED, MISSING_PRICE, HANG, RESET, SLOW, BODY_RATE_LIMIT }

    private volatile double error500Rate;
    private volatile double malformedRate;
    private volatile double missingPriceRate;
    private volatile double hangRate;
    private volatile Duration hangTime = Duration.ofSeconds(30);
    private volatile double resetRate;
    private volatile double slowRate;
    private volatile Duration slowTime = Duration.ofSeconds(2);
    private volatile double bodyRateLimitRate;
    private final AtomicInteger burstRemaining = new AtomicInteger();
    private final AtomicInteger lateRemaining = new AtomicInteger();
    private volatile Duration lateBy = Duration.ZERO;

    /** 500 with an error body. */
    public Faults error500Rate(double rate) {
        this.error500Rate = checkRate(rate, "error500Rate");
        return this;
    }

    /** 200 whose body is cut-off JSON. */
    public Faults malformedRate(double rate) {
        this.malformedRate = checkRate(rate, "malformedRate");
        return this;
    }

    /** 200 with valid JSON that lacks the {@code close} field. */
    public Faults missingPriceRate(double rate) {
        this.missingPriceRate = checkRate(rate, "missingPriceRate");
        return this;
    }

    /** Waits {@link #hangTime(Duration)} before answering; cut short when the simulator stops. */
    public Faults hangRate(double rate) {
        this.hangRate = checkRate(rate, "hangRate");
        return this;
    }

    public Faults hangTime(Duration hangTime) {
        this.hangTime = notNegative(hangTime, "hangTime");
        return this;
    }

    /** Aborts the TCP connection (RST) without sending a response. */
    public Faults resetRate(double rate) {
        this.resetRate = checkRate(rate, "resetRate");
        return this;
    }

    /** Answers normally, but only after an extra {@link #slowTime(Duration)}. */
    public Faults slowRate(double rate) {
        this.slowRate = checkRate(rate, "slowRate");
        return this;
    }

    public Faults slowTime(Duration slowTime) {
        this.slowTime = notNegative(slowTime, "slowTime");
        return this;
    }

    /** 200 with an Alpha Vantage style {@code {"Note": "... call frequency ..."}} body: a rate limit in disguise. */
    public Faults bodyRateLimitRate(double rate) {
        this.bodyRateLimitRate = checkRate(rate, "bodyRateLimitRate");
        return this;
    }

    /**
     * The next {@code n} requests that pass the key, window, symbol and nonce checks get 429 with Retry-After,
     * whatever the window says: the provider throttling on its own. Replaces any burst still pending.
     */
    public Faults rateLimitBurst(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("burst must be >= 0: " + n);
        }
        burstRemaining.set(n);
        return this;
    }

    /**
     * The next {@code n} keyed quote requests are counted only {@code by} after they arrive, and answered
     * that much later: a server slow to pick up fresh connections, or paused before its limiter runs.
     * A client that guesses when the server counted from its fastest round trip gets these wrong.
     */
    public Faults countLate(int n, Duration by) {
        if (n < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + n);
        }
        lateBy = notNegative(by, "countLate");
        lateRemaining.set(n);
        return this;
    }

    /** How much later than its arrival the current request is counted; takes one from {@link #countLate}. */
    long takeCountDelayNanos() {
        return lateRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? lateBy.toNanos() : 0;
    }

    /** Switches every fault off again (hang and slow times go back to their defaults too). */
    public Faults clear() {
        error500Rate = 0;
        malformedRate = 0;
        missingPriceRate = 0;
        hangRate = 0;
        hangTime = Duration.ofSeconds(30);
        resetRate = 0;
        slowRate = 0;
        slowTime = Duration.ofSeconds(2);
        bodyRateLimitRate = 0;
        burstRemaining.set(0);
        lateRemaining.set(0);
        lateBy = Duration.ZERO;
        return this;
    }

    public double error500Rate() { return error500Rate; }

    public double malformedRate() { return malformedRate; }

    public double missingPriceRate() { return missingPriceRate; }

    public double hangRate() { return hangRate; }

    public Duration hangTime() { return hangTime; }

    public double resetRate() { return resetRate; }

    public double slowRate() { return slowRate; }

    public Duration slowTime() { return slowTime; }

    public double bodyRateLimitRate() { return bodyRateLimitRate; }

    public int burstRemaining() { return burstRemaining.get(); }

    /** Consumes one request of a pending {@link #rateLimitBurst(int)}; true if this request is throttled. */
    boolean takeBurst() {
        return burstRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Maps a uniform roll in [0, 1) onto the stacked rates. */
    Fault pick(double roll) {
        double edge = 0;
        if (roll < (edge += error500Rate)) return Fault.ERROR_500;
        if (roll < (edge += malformedRate)) return Fault.MALFORMED;
        if (roll < (edge += missingPriceRate)) return Fault.MISSING_PRICE;
        if (roll < (edge += hangRate)) return Fault.HANG;
        if (roll < (edge += resetRate)) return Fault.RESET;
        if (roll < (edge += slowRate)) return Fault.SLOW;
        if (roll < edge + bodyRateLimitRate) return Fault.BODY_RATE_LIMIT;
        return Fault.NONE;
    }

    static double checkRate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + rate);
        }
        return rate;
    }

    static Duration notNegative(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }
}
