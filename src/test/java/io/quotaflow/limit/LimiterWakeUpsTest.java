package io.quotaflow.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every event that can free a slot, or end a wait, reaches the threads waiting for it: a waiter that is not woken
 * sleeps until some unrelated event happens, which in a quiet moment is never. Each case here has exactly one
 * such event, and the waiter must be through within seconds (its slot itself is due far sooner, or never).
 */
class LimiterWakeUpsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static List<ApiKey> keys(int n) {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            keys.add(new ApiKey("key" + i, "secret" + i));
        }
        return keys;
    }

    private static void awaitWaiting(RateLimiter limiter, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> limiter.stats().get(0).waitingForPermit() == n);
    }

    /** Still blocked after {@code millis}: the bounded wait is what is checked, not a stand-in for a hand-over. */
    private static void assertStillWaiting(Future<?> f, long millis) {
        assertThatThrownBy(() -> f.get(millis, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void anAnswerWakesTheWaiterWhoseSlotWasOnTheWire() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(200), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first); // in flight: nobody can tell when its slot frees, so the waiter sleeps untimed
        Future<Permit> waiter = pool.submit(limiter::acquire);
        awaitWaiting(limiter, 1);

        long beforeAnswer = System.nanoTime();
        limiter.answered(first);
        Permit second = waiter.get(5, TimeUnit.SECONDS);
        assertThat(second.reservedAtNanos() - beforeAnswer).as("a window after the answer")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void aLeaderThatLeavesWithAPermitHandsTheWatchOn() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 2, Duration.ofMillis(400), Duration.ZERO, false);
        Permit a = limiter.acquire();
        limiter.startSend(a);
        limiter.answered(a); // its slot frees 400 ms from now
        Permit b = limiter.acquire();
        limiter.startSend(b);
        limiter.unanswered(b, Duration.ofMillis(300)); // this one 700 ms from now
        Future<Permit> first = pool.submit(limiter::acquire);
        awaitWaiting(limiter, 1);
        Future<Permit> second = pool.submit(limiter::acquire);
        awaitWaiting(limiter, 2);

        // whoever takes a's slot leaves with it and sends nothing: no event follows, so unless it hands the watch
        // on, the other one sleeps for ever
        long[] got = {first.get(5, TimeUnit.SECONDS).reservedAtNanos(), second.get(5, TimeUnit.SECONDS).reservedAtNanos()};
        java.util.Arrays.sort(got);
        long window = Duration.ofMillis(400).toNanos();
        assertThat(got[0]).as("a's slot, a window after its stamp").isGreaterThanOrEqualTo(a.stampNanos() + window);
        assertThat(got[1]).as("b's slot, a window after its stamp").isGreaterThanOrEqualTo(b.stampNanos() + window);
    }

    @Test
    void aRaisedLimitLetsAWaiterThroughAtOnce() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMinutes(10), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        limiter.answered(first);
        Future<Permit> waiter = pool.submit(limiter::acquire); // the slot frees in ten minutes
        awaitWaiting(limiter, 1);

        limiter.setLimit("key1", 2);
        assertThat(waiter.get(5, TimeUnit.SECONDS).key().label()).isEqualTo("key1");
    }

    @Test
    void aStopReachesEveryWaiterAtOnceEvenWithNothingElseGoingOn() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMinutes(10), Duration.ZERO, false);
        AtomicBoolean stopping = new AtomicBoolean();
        limiter.stopWhen(stopping::get);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        limiter.answered(first);
        List<Future<Permit>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(pool.submit(limiter::acquire));
        }
        awaitWaiting(limiter, 3);

        stopping.set(true);
        limiter.wakeWaiters();
        for (Future<Permit> w : waiters) {
            assertThat(w.get(5, TimeUnit.SECONDS)).as("left without a slot, not ten minutes later").isNull();
        }
    }

    @Test
    void aStopReachesANonceSendWaitingForThePreviousAnswer() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 5, Duration.ofMinutes(10), Duration.ofMillis(1), true);
        AtomicBoolean stopping = new AtomicBoolean();
        limiter.stopWhen(stopping::get);
        Permit a = limiter.acquire();
        limiter.startSend(a); // never answered
        Permit b = limiter.acquire();
        Future<Long> send = pool.submit(() -> limiter.startSend(b));
        assertStillWaiting(send, 300);

        stopping.set(true);
        limiter.wakeWaiters();
        assertThatThrownBy(() -> send.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SendStoppedException.class);
        assertThat(b.sentAtNanos()).as("never let go").isZero();
        assertThat(limiter.stats().get(0).reservedNotSent()).as("its slot given back").isZero();
    }

    @Test
    void aStopReachesASendHeldBackByALoweredLimit() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 2, Duration.ofMinutes(10), Duration.ZERO, false);
        AtomicBoolean stopping = new AtomicBoolean();
        limiter.stopWhen(stopping::get);
        Permit a = limiter.acquire();
        Permit b = limiter.acquire();
        limiter.startSend(a);
        limiter.answered(a);
        limiter.setLimit("key1", 1); // a's stamp fills the window for ten minutes
        Future<Long> send = pool.submit(() -> limiter.startSend(b));
        assertStillWaiting(send, 300);

        stopping.set(true);
        limiter.wakeWaiters();
        assertThatThrownBy(() -> send.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SendStoppedException.class);
        assertThat(b.sentAtNanos()).isZero();
    }
}
