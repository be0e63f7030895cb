package io.quotaflow.limit;

import io.quotaflow.config.Durations;
import io.quotaflow.config.QuotaflowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A strict sliding-log limiter per API key: at most {@code limit} requests in ANY window of
 * {@code period + margin}, each counted from the latest moment the server can have counted it.
 *
 * <p>Why not Camel's throttle EIP: it hands out permits that return up to 1 ms early, it gates the
 * point where it sits (not the wire, so work queued behind busy consumers bunches up), and
 * redeliveries skip it. Here the route's throttle step only <em>reserves</em> a slot
 * ({@link #acquire()}); {@link io.quotaflow.fetch.WireGuard}, inside HttpClient, lets it go once the
 * connection is ready ({@link #send}) and <em>stamps</em> it when the response arrives
 * ({@link #answered}). A server cannot answer a request before it counted it, so the response time is
 * the latest moment the server can have counted the request, whatever happened on the way in; when the
 * API reports how long it worked on the request after counting it (a {@code Server-Timing} metric),
 * that time is taken off. A slot counts as used from reservation until its stamp is a period (plus
 * margin) old, so neither connection set-up, nor a slow write, nor a server that stalls before
 * counting can squeeze more than the limit into a window.
 *
 * <p>Several keys share one pool: a request takes whichever key frees up first, so all keys stay busy.
 * One lock guards everything; at a few hundred sends per second that is far from contended.
 */
public class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final List<KeyWindow> keys = new ArrayList<>();
    private final long periodNanos;
    private final long marginNanos;
    private final long leadNanos;
    private final boolean ordered;
    /**
     * How long a request parked before its slot, a 429 pause or room under a lowered limit sleeps before it looks at
     * the stop flag again.
     */
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock(true);
    /** Threads in {@link #acquire}; only the {@link #leader} among them waits for a time. */
    private final Condition slotFreed = lock.newCondition();
    /** Threads in {@link #startSend} waiting for their key's previous answer (nonce mode) or for room under a lowered limit. */
    private final Condition keyAnswered = lock.newCondition();
    private Thread leader;
    /** Whether the job whose requests wait here is stopping ({@link #stopWhen}); waiters then leave without a slot. */
    private volatile BooleanSupplier stopping = () -> false;
    private final Map<Long, Permit> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** The key {@link #acquire} looks at first: the one after the key that took the last slot (round robin). */
    private int nextKey;
    private int waiting;

    /**
     * @param ordered when true (the URL carries a nonce) a key sends its next request only after the
     *                previous one was answered and a margin later, so nonces reach the server in order
     */
    public RateLimiter(List<ApiKey> apiKeys, int limit, Duration period, Duration margin, boolean ordered) {
        this(apiKeys, limit, period, margin, Duration.ZERO, ordered);
    }

    /**
     * @param lead how long before its slot frees the throttle step may let an exchange through; the
     *             request still waits at the wire ({@link #startSend}) until the slot is free. It takes the
     *             route's work between the throttle step and the wire (HTTP producer, connection lease)
     *             off the moment the slot frees, which every window would otherwise pay again.
     */
    public RateLimiter(List<ApiKey> apiKeys, int limit, Duration period, Duration margin, Duration lead,
                       boolean ordered) {
        if (apiKeys.isEmpty() || limit < 1 || period.isZero() || period.isNegative() || margin.isNegative()
                || lead.isNegative()) {
            throw new IllegalArgumentException("need at least one key, a limit >= 1, a positive period, margin and lead >= 0");
        }
        apiKeys.forEach(k -> keys.add(new KeyWindow(k, limit)));
        this.periodNanos = period.toNanos();
        this.marginNanos = margin.toNanos();
        this.leadNanos = lead.toNanos();
        this.ordered = ordered;
    }

    /**
     * Blocks until some key has a slot that is free (or frees within the lead) and reserves it.
     *
     * <p>Leader and followers, as in {@link java.util.concurrent.DelayQueue}: only one waiting thread
     * (the leader) sleeps until the soonest slot frees; the others sleep until a slot is taken or the
     * log changes. With a hundred consumers waiting, waking them all on every response cost more CPU
     * than the requests themselves and delayed the bursts it was meant to send.
     *
     * @return the permit, or null when the job is stopping ({@link #stopWhen})
     */
    public Permit acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            waiting++;
            try {
                while (true) {
                    if (isStopping()) {
                        return null;
                    }
                    long now = System.nanoTime();
                    long soonest = Long.MAX_VALUE;
                    for (int i = 0; i < keys.size(); i++) {
                        KeyWindow key = keys.get((nextKey + i) % keys.size());
                        long ready = key.readyAt(now, window());
                        if (ready <= now + leadNanos) {
                            nextKey = (nextKey + i + 1) % keys.size();
                            key.reserve();
                            Permit permit = new Permit(ids.incrementAndGet(), key, now);
                            permit.notBeforeNanos = ready;
                            outstanding.put(permit.id(), permit);
                            return permit;
                        }
                        soonest = Math.min(soonest, ready == Long.MAX_VALUE ? ready : ready - leadNanos);
                    }
                    Thread me = Thread.currentThread();
                    if (leader != null) {
                        slotFreed.await();
                    } else {
                        leader = me;
                        try {
                            if (soonest == Long.MAX_VALUE) {
                                slotFreed.await();
                            } else {
                                slotFreed.awaitNanos(soonest - now);
                            }
                        } finally {
                            if (leader == me) {
                                leader = null;
                            }
                        }
                    }
                }
            } finally {
                waiting--;
                // whoever leaves (with a permit or interrupted) hands the watch on
                if (leader == null && waiting > 0) {
                    slotFreed.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The stop flag of the job whose requests this limiter lets go from now on. Once it is up, {@link #acquire()}
     * returns null and {@link #startSend} throws {@link SendStoppedException} instead of waiting for a slot, a
     * pause or the previous nonce: nothing is sent after a stop. The limiter outlives jobs, so each job sets it.
     */
    public void stopWhen(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    /** Whether the job this limiter serves is stopping ({@link #stopWhen}). */
    public boolean isStopping() {
        return stopping.getAsBoolean();
    }

    /** The job just began stopping: every thread waiting here looks at its flag now, not when its wait ends. */
    public void wakeWaiters() {
        lock.lock();
        try {
            leader = null;
            slotFreed.signalAll();
            keyAnswered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The log changed so a slot may be free sooner: one waiter becomes the leader and looks again. */
    private void slotMayBeFree() {
        leader = null;
        slotFreed.signal();
    }

    /** Takes a reserved permit by id (as carried on the request); null if unknown or already taken. */
    public Permit claim(long id) {
        return outstanding.remove(id);
    }

    /**
     * What the wire calls: lets a reserved permit go ({@link #startSend}), unless its key was paused by a 429
     * after the slot was reserved. Then the slot is given back and the request takes the first slot that frees
     * on any key (another key's, or this one's after the pause): in nonce mode a whole window of requests can
     * wait behind the key's request in flight, and a 429 to it kept them all for its Retry-After (up to a day)
     * while the other keys stood idle.
     *
     * @return the permit that went, its nonce set
     */
    public Permit send(Permit reserved) throws InterruptedException, SendStoppedException {
        Permit permit = reserved;
        try {
            while (startSend(permit, true) == RESTING) {
                Permit instead = acquire();
                if (instead == null) {
                    throw new SendStoppedException();
                }
                permit.wentAs = instead; // the route reads the attempt's key and times from the one that went
                permit = instead;
            }
            return permit;
        } catch (InterruptedException e) {
            release(permit);
            throw e;
        }
    }

    /** What {@link #startSend(Permit, boolean)} returns for a permit it gave back because its key rests. */
    private static final long RESTING = -1;

    /** Lets a reserved permit go on its own key, waiting out any 429 pause of that key; returns its nonce. */
    public long startSend(Permit permit) throws InterruptedException, SendStoppedException {
        return startSend(permit, false);
    }

    /**
     * Lets a reserved permit go on the wire once its slot is free, and returns its nonce. In ordered
     * (nonce) mode it also waits until the key's previous request has been answered (so the server has
     * certainly seen the lower nonce: a server may handle two requests that arrive close together in
     * either order) and was sent at least a margin ago. With {@code repick}, a key paused for longer than the
     * lead gives the permit back instead, and {@link #RESTING} is returned.
     */
    private long startSend(Permit permit, boolean repick) throws InterruptedException, SendStoppedException {
        outstanding.remove(permit.id());
        KeyWindow key = permit.window();
        // reserved up to the lead early: it leaves when its slot is free (and after any 429 pause); parked
        // outside the lock so that waiting here costs no other thread a wake-up, in slices so that a stop
        // during a long 429 pause is seen
        while (true) {
            stopIfStopping(permit);
            long now = System.nanoTime();
            if (repick && key.pauseLeft(now) > leadNanos) {
                release(permit);
                return RESTING;
            }
            long wait = Math.max(permit.notBeforeNanos - now, key.pauseLeft(now));
            if (wait <= 0) {
                break;
            }
            LockSupport.parkNanos(this, Math.min(wait, STOP_CHECK_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a slot to free");
            }
        }
        lock.lockInterruptibly();
        try {
            if (permit.state != Permit.State.RESERVED) {
                throw new IllegalStateException(permit + " is " + permit.state);
            }
            if (ordered) {
                while (true) {
                    stopIfStopping(permit);
                    long now = System.nanoTime();
                    if (repick && key.pauseLeft(now) > leadNanos) {
                        release(permit); // the request ahead of it got a 429
                        return RESTING;
                    }
                    // a 429 just answered may have paused the key: the next nonce waits for that too
                    long wait = Math.max(key.orderedWait(now, marginNanos), key.pauseLeft(now));
                    if (key.hasInFlight()) {
                        keyAnswered.await();
                    } else if (wait > 0) {
                        keyAnswered.awaitNanos(wait);
                    } else {
                        break;
                    }
                }
            }
            // a limit lowered (setLimit) after this slot was reserved holds it back until the window has room
            while (true) {
                stopIfStopping(permit);
                long now = System.nanoTime();
                long at = key.sendableAt(now, window());
                if (at <= now) {
                    break;
                }
                keyAnswered.awaitNanos(Math.min(at - now, STOP_CHECK_NANOS));
            }
            long now = System.nanoTime();
            key.startSend(now);
            permit.nonce = key.nextNonce();
            permit.sentAtNanos = now;
            permit.state = Permit.State.SENDING;
            return permit.nonce;
        } finally {
            lock.unlock();
        }
    }

    private void stopIfStopping(Permit permit) throws SendStoppedException {
        if (isStopping()) {
            release(permit);
            throw new SendStoppedException();
        }
    }

    /**
     * The next nonce of a key for a request sent without a permit (quotaflow.rate.enforce=false): rising per key,
     * as with permits, but nothing orders the sends, so the server may still receive them out of order.
     */
    public long nextNonce(ApiKey apiKey) {
        lock.lock();
        try {
            return find(apiKey.label()).nextNonce();
        } finally {
            lock.unlock();
        }
    }

    /** The permit's request was answered, or failed without an answer: it is stamped now. Idempotent. */
    public void answered(Permit permit) {
        answered(permit, 0);
    }

    /**
     * The response to the permit's request arrived (or the attempt failed): the slot gets its stamp.
     *
     * <p>Where did the server count the request? Somewhere between the moment it was let go ({@code s})
     * and its response ({@code r}); a server that stalls before counting (a GC pause, a busy selector, a
     * cold connection) delays the count towards {@code r}. So the stamp is {@code r}, less the time the
     * server says it spent on the request after counting it ({@code serverNanos}, from a
     * {@code Server-Timing} metric; 0 when there is none), never earlier than {@code s}.
     *
     * <p>We used to take off the fastest round trip seen instead, which is exact for a warm server but
     * not safe: in a cold start every early request can wait in the server's accept queue, the "fastest"
     * round trip then includes that wait, and stamps made with it were up to 30 ms too early (13
     * rejections in a benchmark run with client and simulator pinned to one core each).
     *
     * @param serverNanos the server's reported time between counting and answering; ignored unless it
     *                    is positive and shorter than the round trip
     */
    public void answered(Permit permit, long serverNanos) {
        long r = System.nanoTime();
        long s = permit.sentAtNanos;
        stamp(permit, r - (serverNanos > 0 && serverNanos < r - s ? serverNanos : 0));
    }

    /**
     * The attempt ended without a response (a timeout, a reset): the request may be waiting in the server's
     * queue and be counted after the client gave up, and no answer will say when. Its slot stays used as if
     * counted {@code countableFor} (quotaflow.request-timeout) from now; an API that counts a request later
     * still is beyond what a client can see. No-op once the response head stamped it.
     */
    public void unanswered(Permit permit, Duration countableFor) {
        stamp(permit, System.nanoTime() + countableFor.toNanos());
    }

    private void stamp(Permit permit, long stampNanos) {
        lock.lock();
        try {
            if (permit.state == Permit.State.SENDING) {
                permit.stampNanos = stampNanos;
                permit.window().answered(permit.stampNanos);
                permit.state = Permit.State.SENT;
                slotMayBeFree();
                if (ordered) {
                    keyAnswered.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a permit that was never sent (an error before the call); no-op once sent. */
    public void release(Permit permit) {
        if (permit == null) {
            return;
        }
        outstanding.remove(permit.id());
        lock.lock();
        try {
            if (permit.state == Permit.State.RESERVED) {
                permit.state = Permit.State.RELEASED;
                permit.window().unreserve();
                slotMayBeFree();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The server said "slow down" for this key: count it and keep the key idle for {@code pause}. */
    public void rateLimited(ApiKey apiKey, Duration pause) {
        lock.lock();
        try {
            find(apiKey.label()).rejected();
            pause(apiKey, pause);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps one key idle for {@code pause} (or longer, if it already is) without counting a rejection.
     * Called as soon as a 429's head arrives, before the slot is stamped, so that no request of the key
     * (in nonce mode: the next one, woken by that stamp) leaves before the route has handled the 429.
     */
    public void pause(ApiKey apiKey, Duration pause) {
        lock.lock();
        try {
            find(apiKey.label()).pauseUntil(System.nanoTime() + pause.toNanos());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps every key idle for {@code pause} without counting a rejection. Used when a run resumes after
     * a crash: the dead process's last requests are still in the server's window, and nobody knows when
     * they were sent, so the only safe start is one whole window later.
     */
    public void pauseAll(Duration pause) {
        lock.lock();
        try {
            long until = System.nanoTime() + pause.toNanos();
            keys.forEach(k -> k.pauseUntil(until));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes a key's limit at runtime (the provider changed the plan): from the next permit on, and a lower
     * limit also holds back slots reserved before it but not yet on the wire. The bounds are those of
     * quotaflow.rate.requests: a limit no API grants (an int's maximum, typed into the console) would stop
     * limiting altogether and overflow the sums built on the limits.
     */
    public void setLimit(String label, int limit) {
        if (limit < 1 || limit > QuotaflowSettings.MAX_RATE_REQUESTS) {
            throw new IllegalArgumentException("limit must be between 1 and " + QuotaflowSettings.MAX_RATE_REQUESTS
                    + " (as quotaflow.rate.requests), was " + limit);
        }
        lock.lock();
        try {
            KeyWindow key = find(label);
            int old = key.limit();
            key.limit(limit);
            slotMayBeFree();
            LOG.info("Limit of {} changed from {} to {} requests per {}", label, old, limit, Durations.format(Duration.ofNanos(periodNanos)));
        } finally {
            lock.unlock();
        }
    }

    public List<KeyStats> stats() {
        lock.lock();
        try {
            long now = System.nanoTime();
            return keys.stream().map(k -> k.stats(now, window(), periodNanos, waiting)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The key with this label; for code that picks keys itself (the benchmark's naive route). */
    public ApiKey key(String label) {
        return find(label).apiKey();
    }

    public List<String> labels() {
        return keys.stream().map(k -> k.apiKey().label()).toList();
    }

    /** Each key's current limit, in key order (a key's limit may have been changed at runtime: setLimit). */
    public List<Integer> limits() {
        return keys.stream().map(KeyWindow::limit).toList();
    }

    /**
     * Requests per second as the API counts them now: the requests of all keys in the current window (one
     * period back), divided by the period. Never above {@link #quotaPerSecond} while the limit holds; a rate over
     * a shorter time would read a burst (allowed: the whole limit at once) as several times the quota.
     */
    public double currentRate() {
        return stats().stream().mapToInt(KeyStats::sentInCurrentWindow).sum() / (periodNanos / 1e9);
    }

    /** Requests per second all keys together may send at their current limits. */
    public double quotaPerSecond() {
        // summed as long: many keys at high limits would wrap an int sum to a negative quota (and ETA)
        return keys.stream().mapToLong(KeyWindow::limit).sum() / (periodNanos / 1e9);
    }

    /** The longest rest a key still has to take after a 429 (zero when none). */
    public Duration longestPause() {
        return Duration.ofMillis(stats().stream().mapToLong(KeyStats::pausedForMillis).max().orElse(0));
    }

    /** Whether a key has a request reserved, in flight, or stamped inside the current window, or rests after a 429. */
    public boolean busyInWindow() {
        lock.lock();
        try {
            long now = System.nanoTime();
            return keys.stream().anyMatch(k -> k.busy(now, window()) || k.pauseLeft(now) > 0);
        } finally {
            lock.unlock();
        }
    }

    public int keyCount() {
        return keys.size();
    }

    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    private long window() {
        return periodNanos + marginNanos;
    }

    private KeyWindow find(String label) {
        return keys.stream().filter(k -> k.apiKey().label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no API key labelled '" + label + "'; known: " + labels()));
    }

    @Override
    public String toString() {
        return "RateLimiter[" + keys.size() + " keys, period " + TimeUnit.NANOSECONDS.toMillis(periodNanos) + " ms]";
    }
}
