package io.quotaflow.job;

import io.quotaflow.config.QuotaflowSettings;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The split's executor (job.yaml's {@code executorService: splitPool}): each valid line is handed to seda:fetch on
 * one of Camel's threads, at most {@link #places} lines at once; past that the split's own thread hands the next
 * line over itself (as a pool's CallerRuns policy does), so it reads on only when a line is done. That bound keeps
 * the streaming split a few lines ahead of the consumers: a list of a million lines is never held in memory, and
 * seda:fetch's queue (1,000) never fills.
 *
 * <p>A Camel thread pool's size alone held that bound until Camel's virtual threads
 * ({@code camel.threads.virtual.enabled=true}, Java 21+), with which every Camel pool starts a new thread per task
 * whatever its size and queue: the split then read the whole list at once and every line past seda:fetch's 1,000
 * places failed "Queue full".
 */
public final class SplitPool extends AbstractExecutorService {

    private final ExecutorService threads;
    private final Places free;
    private int consumers;

    /**
     * The split's pool for this many consumers (quotaflow.consumers): Camel's pool of {@code splitThreads} platform
     * threads and a queue as long as the consumers, which together hold exactly the {@link #places} (so it never
     * refuses what this lets through), or, with Camel's virtual threads, a thread per line.
     */
    public static SplitPool create(CamelContext context, Object source, int consumers) {
        ThreadPoolProfile profile = new ThreadPoolProfile("quotaflow-split");
        profile.setPoolSize(QuotaflowSettings.splitThreads(consumers));
        profile.setMaxPoolSize(QuotaflowSettings.splitThreads(consumers));
        profile.setMaxQueueSize(consumers);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return new SplitPool(context.getExecutorServiceManager().newThreadPool(source, "split", profile), consumers);
    }

    /**
     * @param threads   the pool underneath (any size: this bounds what it gets)
     * @param consumers quotaflow.consumers
     */
    SplitPool(ExecutorService threads, int consumers) {
        this.threads = threads;
        this.consumers = consumers;
        this.free = new Places(places(consumers));
    }

    /** Lines handed over at once for this many consumers: one per split thread, and as many waiting again as consumers. */
    public static int places(int consumers) {
        return QuotaflowSettings.splitThreads(consumers) + consumers;
    }

    @Override
    public void execute(Runnable line) {
        if (threads.isShutdown()) {
            throw new RejectedExecutionException("the split's pool is shut down");
        }
        if (!free.tryAcquire()) {
            line.run();
            return;
        }
        try {
            threads.execute(() -> {
                try {
                    line.run();
                } finally {
                    free.release();
                }
            });
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    /** Sized again for {@code n} consumers (fetch.yaml edited): the places, and Camel's pool when it has a size. */
    synchronized void resize(int n) {
        if (n > consumers) {
            free.release(places(n) - places(consumers));
        } else {
            free.reducePermits(places(consumers) - places(n));
        }
        consumers = n;
        if (threads instanceof ThreadPoolExecutor pool) {
            int size = QuotaflowSettings.splitThreads(n);
            // the JDK refuses a core above the maximum, so the order depends on the direction
            if (size > pool.getMaximumPoolSize()) {
                pool.setMaximumPoolSize(size);
                pool.setCorePoolSize(size);
            } else {
                pool.setCorePoolSize(size);
                pool.setMaximumPoolSize(size);
            }
        }
    }

    /** Lines that may be handed over at once now. */
    public synchronized int places() {
        return places(consumers);
    }

    /** Places free now (a line out holds one until it ends); negative right after a resize to fewer. */
    int free() {
        return free.availablePermits();
    }

    /** Camel's pool underneath. */
    public ExecutorService threads() {
        return threads;
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    /** A semaphore that can also be made smaller (the JDK's reducePermits is protected). */
    private static final class Places extends Semaphore {
        Places(int permits) {
            super(permits);
        }

        @Override
        protected void reducePermits(int reduction) {
            super.reducePermits(reduction);
        }
    }
}
