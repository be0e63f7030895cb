package io.quotaflow.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.config.QuotaflowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter's own contract, measured on its send stamps: no window ever holds more than the limit. */
class RateLimiterTest {

    private static List<ApiKey> keys(int n) {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            keys.add(new ApiKey("key" + i, "secret" + i));
        }
        return keys;
    }

    /** Sends {@code requests} through the limiter from {@code threads} threads at once; all of them, once answered. */
    private static List<Permit> sendAll(RateLimiter limiter, int threads, int requests) throws InterruptedException {
        List<Permit> answered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < requests; i++) {
            pool.submit(() -> {
                Permit p = limiter.acquire();
                limiter.startSend(p);
                limiter.answered(p);
                answered.add(p);
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("every sender got a slot").isTrue();
        assertThat(answered).hasSize(requests);
        return answered;
    }

    @Test
    void onceTheJobStopsWaitersLeaveWithoutAPermitAndParkedSendsAreNotLetGo() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 2, Duration.ofMinutes(10), Duration.ofMillis(1), false);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        limiter.stopWhen(stopping::get);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        limiter.answered(first);
        Permit paused = limiter.acquire(); // the second slot, reserved; a 429 then rests the key for an hour
        limiter.pause(first.key(), Duration.ofHours(1));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Permit>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(pool.submit(limiter::acquire)); // no slot for ten minutes
            }
            var parked = pool.submit(() -> limiter.startSend(paused)); // parked until the pause ends
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> limiter.stats().get(0).waitingForPermit() == 3);

            stopping.set(true);
            limiter.wakeWaiters();
            for (var w : waiters) {
                assertThat(w.get(5, TimeUnit.SECONDS)).as("left at the stop, without a slot").isNull();
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parked.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SendStoppedException.class);
            assertThat(limiter.stats().get(0).reservedNotSent()).as("the parked request's slot was given back").isZero();
            assertThat(limiter.acquire()).as("a caller after the stop gets nothing either").isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelSendersNeverPutMoreThanTheLimitInAnyWindow() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(2), 5, Duration.ofMillis(200), Duration.ofMillis(2), false);
        List<Permit> permits = sendAll(limiter, 8, 60);

        for (String key : List.of("key1", "key2")) {
            long[] t = permits.stream().filter(p -> p.key().label().equals(key)).mapToLong(Permit::sentAtNanos)
                    .sorted().toArray();
            assertThat(t.length).as("both keys used").isEqualTo(30);
            for (int i = 5; i < t.length; i++) {
                assertThat(t[i] - t[i - 5]).as("6 sends of %s within one period", key)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(202).toNanos());
            }
        }
    }

    @Test
    void aReservedButUnsentSlotStillCountsAndReleasingItFreesIt() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofSeconds(30), Duration.ZERO, false);
        Permit first = limiter.acquire();
        assertThat(limiter.stats().get(0).reservedNotSent()).isEqualTo(1);
        Thread waiter = new Thread(() -> {
            try {
                limiter.acquire();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(200);
        assertThat(waiter.isAlive()).as("the second acquire waits while the slot is reserved").isTrue();
        limiter.release(first);
        waiter.join(5000);
        assertThat(waiter.isAlive()).as("releasing the unsent slot lets the waiter through").isFalse();
    }

    @Test
    void nonceOrderFollowsSendOrder() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 10, Duration.ofSeconds(1), Duration.ofMillis(1), true);
        long last = 0;
        for (int i = 0; i < 5; i++) {
            Permit p = limiter.acquire();
            long nonce = limiter.startSend(p);
            limiter.answered(p);
            assertThat(nonce).isGreaterThan(last);
            last = nonce;
        }
    }

    @Test
    void aLimitChangeAppliesToTheNextPermit() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofSeconds(30), Duration.ZERO, false);
        Permit p = limiter.acquire();
        limiter.startSend(p);
        limiter.answered(p);
        limiter.setLimit("key1", 2);
        Permit second = limiter.acquire();
        assertThat(second.key().label()).isEqualTo("key1");
        assertThat(limiter.stats().get(0).limit()).isEqualTo(2);
    }

    @Test
    void aLowerLimitAlsoHoldsBackSlotsReservedBeforeIt() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 4, Duration.ofMillis(300), Duration.ZERO, false);
        List<Permit> reserved = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reserved.add(limiter.acquire()); // all four slots of the window, none on the wire yet
        }
        long beforeAnswers = System.nanoTime();
        for (Permit p : reserved.subList(0, 2)) {
            limiter.startSend(p);
            limiter.answered(p);
        }
        limiter.setLimit("key1", 2); // the provider now allows 2: the two stamped fill the window

        for (Permit p : reserved.subList(2, 4)) {
            limiter.startSend(p);
            assertThat(p.sentAtNanos() - beforeAnswers).as("%s waits for the first two to leave the window", p)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        }
    }

    @Test
    void aSlotIsStampedAtItsResponseSoASlowAnswerHoldsItLonger() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(300), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        Thread.sleep(200); // the server takes its time; it may have counted the request at any moment till now
        long beforeAnswer = System.nanoTime();
        limiter.answered(first);

        limiter.acquire();
        assertThat(System.nanoTime() - beforeAnswer).as("the slot frees a period after the answer, not after the send")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aReportedServerTimeMovesTheStampBack() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(400), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        Thread.sleep(200);
        long beforeAnswer = System.nanoTime();
        limiter.answered(first, Duration.ofMillis(150).toNanos()); // counted 150 ms before it answered
        long afterAnswer = System.nanoTime();

        limiter.acquire();
        long got = System.nanoTime();
        assertThat(got - beforeAnswer).isGreaterThanOrEqualTo(Duration.ofMillis(400 - 150).toNanos());
        assertThat(got - afterAnswer).as("sooner than a plain response stamp").isLessThan(Duration.ofMillis(400).toNanos());
    }

    @Test
    void aReportedServerTimeLongerThanTheRoundTripIsIgnored() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(300), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        long beforeAnswer = System.nanoTime();
        limiter.answered(first, Duration.ofSeconds(10).toNanos()); // cannot be: it would predate the send

        limiter.acquire();
        assertThat(System.nanoTime() - beforeAnswer).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aSlotReservedWithinTheLeadIsStillNotSentBeforeItFrees() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(100), false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        long beforeAnswer = System.nanoTime();
        limiter.answered(first);
        long afterAnswer = System.nanoTime();

        Permit second = limiter.acquire();
        long reserved = System.nanoTime();
        limiter.startSend(second);
        long sent = second.sentAtNanos();
        assertThat(sent - beforeAnswer).as("sent a period after the first one's stamp")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(reserved - afterAnswer).as("reserved up to the lead earlier")
                .isLessThan(Duration.ofMillis(300).toNanos());
    }

    @Test
    void manyWaitersAreAllServedAsSlotsFreeAndNoWindowHoldsMore() throws Exception {
        // far more waiting threads than slots: one waits for the next slot, the others for a change, so a
        // lost hand-over would leave threads waiting for ever and this would not terminate
        RateLimiter limiter = new RateLimiter(keys(1), 3, Duration.ofMillis(50), Duration.ZERO, false);
        long[] t = sendAll(limiter, 40, 120).stream().mapToLong(Permit::stampNanos).sorted().toArray();

        for (int i = 3; i < t.length; i++) {
            assertThat(t[i] - t[i - 3]).as("4 stamps within one period").isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void anInterruptedLeaderHandsTheWatchOn() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(300), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        limiter.answered(first); // the only slot is busy for 300 ms: a waiter sleeps until then
        List<Permit> got = Collections.synchronizedList(new ArrayList<>());
        Runnable waiter = () -> {
            try {
                got.add(limiter.acquire());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread leader = new Thread(waiter);
        leader.start();
        awaitWaiting(limiter, 1);
        Thread follower = new Thread(waiter);
        follower.start();
        awaitWaiting(limiter, 2);

        leader.interrupt(); // the only timed sleeper goes; the follower waits for a change that never comes
        leader.join(5000);
        follower.join(10_000);
        assertThat(follower.isAlive()).as("the follower took over and got the slot when it freed").isFalse();
        assertThat(got).hasSize(1);
    }

    @Test
    void aRequestWithoutAnAnswerHoldsItsSlotUntilItCanNoLongerHaveBeenCounted() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 1, Duration.ofMillis(200), Duration.ZERO, false);
        Permit first = limiter.acquire();
        limiter.startSend(first);
        long gaveUp = System.nanoTime();
        limiter.unanswered(first, Duration.ofMillis(300)); // it may still sit in the server's queue that long

        assertThat(first.stampNanos() - gaveUp).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        limiter.acquire();
        assertThat(System.nanoTime() - gaveUp).as("counted as late as 300 ms from now, then a whole window")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void aSlotFreesWithTheOldestStampEvenWhenALaterOneWasStampedFirst() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 2, Duration.ofMillis(300), Duration.ZERO, false);
        Permit late = limiter.acquire();
        Permit early = limiter.acquire();
        limiter.startSend(late);
        limiter.startSend(early);
        limiter.unanswered(late, Duration.ofMillis(500)); // stamped first, but counted up to 500 ms from now
        long answered = System.nanoTime();
        limiter.answered(early); // stamped second, with the older stamp

        limiter.acquire();
        long waited = System.nanoTime() - answered;
        assertThat(waited).as("early's slot: a window after its stamp").isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(waited).as("not late's, 500 ms after that").isLessThan(Duration.ofMillis(650).toNanos());
    }

    @Test
    void inNonceModeAKeysNextRequestWaitsForTheAnswerToThePreviousOne() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 10, Duration.ofMinutes(1), Duration.ofMillis(1), true);
        Permit a = limiter.acquire();
        Permit b = limiter.acquire();
        limiter.startSend(a);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            var send = pool.submit(() -> limiter.startSend(b));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> send.get(300, TimeUnit.MILLISECONDS))
                    .as("b waits while a is on the wire").isInstanceOf(java.util.concurrent.TimeoutException.class);
            limiter.answered(a);
            assertThat(send.get(5, TimeUnit.SECONDS)).as("b's nonce").isGreaterThan(a.nonce());
            assertThat(b.sentAtNanos()).as("b left after a's answer").isGreaterThan(a.stampNanos());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inNonceModeSendsOfAKeyAreAMarginApartAndAfterAnUnansweredOnesLastCount() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 10, Duration.ofMinutes(1), Duration.ofMillis(150), true);
        Permit a = limiter.acquire();
        limiter.startSend(a);
        limiter.answered(a); // answered at once: only the margin keeps the next one back
        Permit b = limiter.acquire();
        limiter.startSend(b);
        assertThat(b.sentAtNanos() - a.sentAtNanos()).as("a margin after the previous send")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());

        limiter.unanswered(b, Duration.ofMillis(400)); // given up, but the server may still count it until then
        Permit c = limiter.acquire();
        limiter.startSend(c);
        assertThat(c.sentAtNanos()).as("not before b can have been counted").isGreaterThanOrEqualTo(b.stampNanos());
    }

    @Test
    void noncesRiseStrictlyHoweverFastRequestsGoAndStartFromTheClock() throws Exception {
        // a restarted process must beat every nonce the last one used: so they start at the clock (microseconds)
        long clock = System.currentTimeMillis() * 1000;
        RateLimiter limiter = new RateLimiter(keys(1), 1000, Duration.ofMinutes(1), Duration.ZERO, false);
        long last = 0;
        for (int i = 0; i < 300; i++) { // many within one millisecond
            Permit p = limiter.acquire();
            long nonce = limiter.startSend(p);
            limiter.answered(p);
            assertThat(nonce).isGreaterThan(last).isEqualTo(p.nonce());
            last = nonce;
            if (i == 0) {
                assertThat(nonce).isGreaterThanOrEqualTo(clock);
            }
        }
    }

    @Test
    void noncesWithoutPermitsRisePerKeyToo() throws Exception {
        // quotaflow.rate.enforce=false sends without permits: the nonce must still rise per key (a clock value
        // repeated within a millisecond), and continue above the permits' nonces of the same key
        RateLimiter limiter = new RateLimiter(keys(2), 1000, Duration.ofMinutes(1), Duration.ZERO, false);
        Permit p = limiter.acquire();
        long viaPermit = limiter.startSend(p);
        ApiKey first = p.key();
        long last = viaPermit;
        for (int i = 0; i < 300; i++) {
            long nonce = limiter.nextNonce(first);
            assertThat(nonce).isGreaterThan(last);
            last = nonce;
        }
    }

    @Test
    void aLowerLimitCountsTheRequestsStillOnTheWire() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 4, Duration.ofMillis(300), Duration.ZERO, false);
        List<Permit> reserved = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reserved.add(limiter.acquire());
        }
        limiter.startSend(reserved.get(0));
        limiter.startSend(reserved.get(1)); // both on the wire, no answer yet
        limiter.setLimit("key1", 2);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            var third = pool.submit(() -> limiter.startSend(reserved.get(2)));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> third.get(300, TimeUnit.MILLISECONDS))
                    .as("two on the wire fill the new limit").isInstanceOf(java.util.concurrent.TimeoutException.class);
            long beforeAnswers = System.nanoTime();
            limiter.answered(reserved.get(0));
            limiter.answered(reserved.get(1));
            third.get(5, TimeUnit.SECONDS);
            assertThat(reserved.get(2).sentAtNanos() - beforeAnswers).as("a window after their answers")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLimitIsChangedOnTheKeyItNamesAndOneIsTheLeast() {
        RateLimiter limiter = new RateLimiter(keys(2), 5, Duration.ofSeconds(1), Duration.ZERO, false);
        limiter.setLimit("key2", 3);
        assertThat(limiter.limits()).containsExactly(5, 3);
        limiter.setLimit("key1", 1);
        assertThat(limiter.limits()).containsExactly(1, 3);
        assertThat(limiter.quotaPerSecond()).isEqualTo(4.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.setLimit("key1", 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.setLimit("key3", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key3");
        assertThat(limiter.limits()).containsExactly(1, 3);
    }

    @Test
    void aRuntimeLimitHasTheBoundsOfTheSettingAndTheQuotaDoesNotOverflow() {
        // setLimit(2147483647) through Jolokia was taken: the limiter stopped limiting (a storm of 429s), and with
        // two keys there the int sum of the quota wrapped to -2, so EtaSeconds and the progress line went negative
        RateLimiter limiter = new RateLimiter(keys(2), 5, Duration.ofSeconds(1), Duration.ZERO, false);
        limiter.setLimit("key1", QuotaflowSettings.MAX_RATE_REQUESTS);
        assertThat(limiter.limits()).containsExactly(QuotaflowSettings.MAX_RATE_REQUESTS, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.setLimit("key2", Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quotaflow.rate.requests").hasMessageContaining("1000000");
        assertThat(limiter.limits()).containsExactly(QuotaflowSettings.MAX_RATE_REQUESTS, 5);

        RateLimiter wide = new RateLimiter(keys(2), Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ZERO, false);
        assertThat(wide.quotaPerSecond()).isEqualTo(2.0 * Integer.MAX_VALUE);
    }

    @Test
    void aPermitIsClaimedByItsIdOnce() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(1), 5, Duration.ofSeconds(1), Duration.ZERO, false);
        Permit p = limiter.acquire();
        Permit q = limiter.acquire();
        assertThat(p.id()).isNotEqualTo(q.id());
        assertThat(limiter.claim(q.id())).isSameAs(q);
        assertThat(limiter.claim(q.id())).as("already taken").isNull();
        assertThat(limiter.claim(p.id())).isSameAs(p);
    }

    @Test
    void aSendWhoseKeyRestsGoesOnAnotherKeyAndGivesItsSlotBack() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(2), 1, Duration.ofMinutes(10), Duration.ZERO, false);
        Permit reserved = limiter.acquire();
        assertThat(reserved.key().label()).isEqualTo("key1");
        limiter.rateLimited(reserved.key(), Duration.ofHours(1)); // a 429 to an earlier request of key1

        Permit went = limiter.send(reserved);
        assertThat(went.key().label()).isEqualTo("key2");
        assertThat(reserved.wentAs()).isSameAs(went);
        assertThat(went.wentAs()).isSameAs(went);
        assertThat(went.nonce()).isPositive();
        assertThat(limiter.stats()).extracting(KeyStats::reservedNotSent).containsExactly(0, 0);
        assertThat(limiter.stats()).extracting(KeyStats::sentTotal).containsExactly(0L, 1L);
    }

    @Test
    void inNonceModeTheRequestsQueuedBehindA429dOneGoOnAnotherKey() throws Exception {
        RateLimiter limiter = new RateLimiter(keys(2), 5, Duration.ofMinutes(10), Duration.ofMillis(1), true);
        Permit a = limiter.send(limiter.acquire()); // key1, on the wire
        limiter.release(limiter.acquire()); // key2's turn, given back
        Permit b = limiter.acquire();
        assertThat(b.key().label()).isEqualTo("key1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            var send = pool.submit(() -> limiter.send(b));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> send.get(300, TimeUnit.MILLISECONDS))
                    .as("b waits for a's answer").isInstanceOf(java.util.concurrent.TimeoutException.class);
            limiter.pause(a.key(), Duration.ofHours(1)); // a's answer: 429, Retry-After an hour
            limiter.answered(a);
            Permit went = send.get(5, TimeUnit.SECONDS);
            assertThat(went.key().label()).as("not an hour behind key1").isEqualTo("key2");
            assertThat(b.wentAs()).isSameAs(went);
            assertThat(limiter.stats()).extracting(KeyStats::reservedNotSent).as("b's slot on key1 given back")
                    .containsExactly(0, 0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitWaiting(RateLimiter limiter, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (limiter.stats().get(0).waitingForPermit() < n && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(limiter.stats().get(0).waitingForPermit()).isEqualTo(n);
    }
}
