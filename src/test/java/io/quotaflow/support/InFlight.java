package io.quotaflow.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How many requests a test API answers at once, counted at the server: {@link #enter} as a request arrives,
 * {@link #leave} just before its answer is written (after, a client that got its answer could already have the
 * next request counted beside it, one more than it ever had in flight). The most at once is what the client really had in flight (its own
 * settings may say more). An answer may be held back until some number are in flight at once, so a client
 * that can send that many shows it without answers racing ahead of the later requests.
 */
public final class InFlight {

    private int now;
    private int max;
    private int holdUntil;

    /** From now on, hold each answer until {@code requests} are in flight at once (0: answer at once); max starts over. */
    public synchronized void holdUntil(int requests) {
        holdUntil = requests;
        max = now;
    }

    /** A request arrived: counted, then held while fewer than the number asked for were in flight at once, at most {@code longest}. */
    public synchronized void enter(Duration longest) throws InterruptedException {
        now++;
        max = Math.max(max, now);
        notifyAll();
        long end = System.nanoTime() + longest.toNanos();
        long left;
        while (max < holdUntil && (left = end - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Its answer is about to be written. */
    public synchronized void leave() {
        now--;
    }

    /** The most requests in flight at once since the last {@link #holdUntil}. */
    public synchronized int max() {
        return max;
    }
}
