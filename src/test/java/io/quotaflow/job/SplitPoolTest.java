package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The split's bound on lines handed over at once, over a pool with no size of its own (a new thread per task, as
 * Camel's pools are with virtual threads): past the bound a line runs on the caller, the split's own thread, so
 * the split reads on only when that line is done.
 */
class SplitPoolTest {

    /** A new thread per task and no size to set, as the JDK's thread-per-task executor Camel uses for virtual threads. */
    private final ExecutorService unbounded = new ThreadPerTask();
    private final CountDownLatch answer = new CountDownLatch(1);

    @AfterEach
    void stop() {
        answer.countDown();
        unbounded.shutdownNow();
    }

    @Test
    void theLinePastThePlacesRunsOnTheCaller() throws Exception {
        SplitPool pool = new SplitPool(unbounded, 2);
        assertThat(pool.places()).isEqualTo(6); // 2 consumers: 4 split threads and 2 lines waiting again

        handOverWaitingLines(pool, 6);
        assertThat(threadOf(pool)).isSameAs(Thread.currentThread());

        answer.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.free() == 6);
        assertThat(threadOf(pool)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void moreConsumersGiveMorePlaces() throws Exception {
        SplitPool pool = new SplitPool(unbounded, 2);
        pool.resize(3);
        assertThat(pool.places()).isEqualTo(8);

        handOverWaitingLines(pool, 8);
        assertThat(threadOf(pool)).isSameAs(Thread.currentThread());
    }

    @Test
    void fewerConsumersTakePlacesBackEvenWhileLinesAreOut() throws Exception {
        SplitPool pool = new SplitPool(unbounded, 3);
        handOverWaitingLines(pool, 8);
        pool.resize(1);
        assertThat(pool.places()).isEqualTo(4);
        assertThat(pool.free()).isEqualTo(-4); // the 8 lines out hold 4 places more than there are now

        answer.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.free() == 4);
        CountDownLatch hold = new CountDownLatch(1);
        try {
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> waitFor(hold));
            }
            assertThat(pool.free()).isZero();
            assertThat(threadOf(pool)).isSameAs(Thread.currentThread());
        } finally {
            hold.countDown();
        }
    }

    @Test
    void aShutDownPoolRefusesLines() {
        SplitPool pool = new SplitPool(unbounded, 2);
        pool.shutdown();
        assertThat(pool.isShutdown()).isTrue();
        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
    }

    /** Hands over n lines that wait for the answer, and waits until every one of them runs on a thread of the pool. */
    private void handOverWaitingLines(SplitPool pool, int n) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(n);
        Thread caller = Thread.currentThread();
        for (int i = 0; i < n; i++) {
            pool.execute(() -> {
                assertThat(Thread.currentThread()).isNotSameAs(caller);
                running.countDown();
                waitFor(answer);
            });
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.free()).isZero();
    }

    /** The thread the next line runs on. */
    private static Thread threadOf(SplitPool pool) throws InterruptedException {
        Thread[] ran = new Thread[1];
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(() -> {
            ran[0] = Thread.currentThread();
            done.countDown();
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        return ran[0];
    }

    private static final class ThreadPerTask extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            new Thread(task, "line").start();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
