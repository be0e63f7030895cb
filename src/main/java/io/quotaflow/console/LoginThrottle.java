package io.quotaflow.console;

import io.quotaflow.config.Durations;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing, per client address: the first {@value #FREE_FAILURES} failed logins
 * cost nothing (typos), then the address must wait {@link #FIRST_BLOCK} before its next try, twice as
 * long after every further failure, at most {@link #LONGEST_BLOCK}. A successful login clears it.
 *
 * <p>Hawtio throttles its own login ({@code hawtio.authenticationThrottled}); this does the same for the
 * endpoints quotaflow protects with HTTP Basic itself ({@code /metrics}), see {@link BasicAuth}.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 3;
    static final Duration FIRST_BLOCK = Duration.ofSeconds(1);
    static final Duration LONGEST_BLOCK = Duration.ofMinutes(5);
    /** Above this many addresses, those whose last block ended a longest block ago are forgotten. */
    private static final int TRACKED = 10_000;

    private record Failures(int count, long blockedUntil) {
    }

    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle() {
        this(System::nanoTime);
    }

    LoginThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** How long the address must still wait before it may try a password; zero when it may now. */
    Duration waitFor(String address) {
        Failures failures = byAddress.get(address);
        long left = failures == null ? 0 : failures.blockedUntil() - nanoClock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Counts a failed login; returns how many failed in a row from this address so far. */
    int failed(String address) {
        long now = nanoClock.getAsLong();
        if (byAddress.size() >= TRACKED) {
            byAddress.values().removeIf(f -> now - f.blockedUntil() > LONGEST_BLOCK.toNanos());
        }
        return byAddress.compute(address, (a, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            return new Failures(count, now + block(count).toNanos());
        }).count();
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    /** The wait after the {@code failures}-th failure in a row (none for the free ones). */
    static Duration block(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
        Duration wait = FIRST_BLOCK.multipliedBy(1L << doublings);
        return Durations.min(wait, LONGEST_BLOCK);
    }
}
