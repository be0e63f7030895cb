package io.quotaflow.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the limiter tells monitoring (JMX, /metrics, the progress line) and what a 429 does to a key: the figures
 * must add up to the requests actually reserved, sent and answered.
 */
class LimiterStatsTest {

    private static final List<ApiKey> KEYS = List.of(new ApiKey("key1", "s1"), new ApiKey("key2", "s2"));

    @Test
    void theFiguresFollowEachRequestFromReservationToTheEndOfItsWindow() throws Exception {
        // the server's period is 200 ms; the margin keeps a slot 1 s longer on our side
        RateLimiter limiter = new RateLimiter(KEYS, 3, Duration.ofMillis(200), Duration.ofSeconds(1), false);
        assertThat(ApiKey.all(List.of("s1", "s2"))).as("labelled in their order").isEqualTo(KEYS);
        assertThat(limiter.stats()).extracting(KeyStats::key).containsExactly("key1", "key2");
        assertThat(limiter.labels()).containsExactly("key1", "key2");
        assertThat(limiter.keyCount()).isEqualTo(2);
        assertThat(limiter.period()).isEqualTo(Duration.ofMillis(200));
        assertThat(limiter.key("key2")).isEqualTo(KEYS.get(1));
        KeyStats fresh = limiter.stats().get(0);
        assertThat(fresh).isEqualTo(new KeyStats("key1", 3, 0, 0, 0, 0, 0, 0, 0));
        assertThat(limiter.busyInWindow()).isFalse();
        assertThat(limiter.quotaPerSecond()).isEqualTo(2 * 3 / 0.2);

        Permit a = limiter.acquire(); // key1
        assertThat(limiter.stats().get(0).reservedNotSent()).isEqualTo(1);
        assertThat(limiter.stats().get(0).sentInCurrentWindow()).isZero();
        assertThat(limiter.busyInWindow()).as("a reserved slot is busy").isTrue();

        limiter.startSend(a);
        KeyStats sending = limiter.stats().get(0);
        assertThat(sending.reservedNotSent()).as("on the wire, no longer just reserved").isZero();
        assertThat(sending.sentInCurrentWindow()).as("the server may count it now").isEqualTo(1);
        assertThat(sending.sentTotal()).isEqualTo(1);
        assertThat(sending.sentLastMinute()).isEqualTo(1);

        Permit b = limiter.acquire(); // key2
        limiter.startSend(b);
        limiter.answered(b);
        limiter.answered(a);
        assertThat(limiter.stats()).extracting(KeyStats::sentInCurrentWindow).containsExactly(1, 1);
        assertThat(limiter.stats()).extracting(KeyStats::sentTotal).containsExactly(1L, 1L);
        assertThat(limiter.currentRate()).isEqualTo(2 / 0.2);

        // out of the server's period after 200 ms, but still held for the margin
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> limiter.stats().get(0).sentInCurrentWindow() == 0);
        assertThat(limiter.busyInWindow()).as("still inside period + margin").isTrue();
        assertThat(limiter.stats().get(0).sentLastMinute()).as("the minute's count keeps it").isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !limiter.busyInWindow());
        assertThat(limiter.stats()).extracting(KeyStats::sentTotal).containsExactly(1L, 1L);
    }

    @Test
    void a429CountsOnItsKeyAndRestsItForTheWholePauseWhichALaterShorterOneDoesNotCut() throws Exception {
        RateLimiter limiter = new RateLimiter(KEYS, 5, Duration.ofSeconds(1), Duration.ZERO, false);
        // from the threads that handle answers: each leaves the limiter free for the others
        CompletableFuture.runAsync(() -> limiter.rateLimited(KEYS.get(0), Duration.ofSeconds(60))).get(5, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> limiter.rateLimited(KEYS.get(0), Duration.ofSeconds(1))).get(5, TimeUnit.SECONDS);

        KeyStats key1 = limiter.stats().get(0);
        assertThat(key1.rateLimitedResponses()).isEqualTo(2);
        assertThat(key1.pausedForMillis()).isBetween(55_000L, 60_000L);
        assertThat(limiter.stats().get(1).rateLimitedResponses()).isZero();
        assertThat(limiter.stats().get(1).pausedForMillis()).isZero();
        assertThat(limiter.longestPause()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(limiter.busyInWindow()).as("a resting key is busy").isTrue();
    }

    @Test
    void aResumedRunRestsEveryKeyWithoutCountingA429() throws Exception {
        RateLimiter limiter = new RateLimiter(KEYS, 5, Duration.ofSeconds(1), Duration.ZERO, false);
        CompletableFuture.runAsync(() -> limiter.pauseAll(Duration.ofSeconds(30))).get(5, TimeUnit.SECONDS);
        assertThat(limiter.stats()).allSatisfy(k -> {
            assertThat(k.pausedForMillis()).isBetween(25_000L, 30_000L);
            assertThat(k.rateLimitedResponses()).isZero();
        });
    }

    @Test
    void aSlotReservedBeforeItsKeyWasPausedLeavesWhenThePauseEnds() throws Exception {
        RateLimiter limiter = new RateLimiter(KEYS.subList(0, 1), 5, Duration.ofSeconds(1), Duration.ZERO, false);
        Permit p = limiter.acquire();
        long paused = System.nanoTime();
        limiter.pause(p.key(), Duration.ofMillis(300));
        limiter.startSend(p);
        assertThat(p.sentAtNanos() - paused).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(limiter.stats().get(0).pausedForMillis()).isZero();
    }
}
