package io.quotaflow.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Never two jobs at once, in service mode. Every way to start a job (the cron, the start-up run,
 * runNow over JMX) passes {@link #tryStart} in the trigger route; a trigger that finds a job running
 * is skipped - logged in one line and counted - instead of queued, so missed slots never run back to
 * back. The gate is also held while route files are reloaded, so a job never starts on half-swapped
 * routes, and a reload that arrives during a job waits for {@link #done}.
 */
public class JobGate {

    /** Header naming what fired the trigger: schedule, start or manual. */
    public static final String TRIGGER = "quotaflowTrigger";
    /** Exchange property: whether this trigger started a job (true) or was skipped (false). */
    public static final String STARTED = "quotaflowJobStarted";

    private static final Logger LOG = LoggerFactory.getLogger(JobGate.class);

    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicBoolean startedUp = new AtomicBoolean();
    private Instant busySince;
    private String busyWith;
    private AfterJob afterJob = release -> false;

    /** Runs after every job with the gate still held, so route edits land before the next job. */
    interface AfterJob {
        /** @return true when it took over calling {@code release} (e.g. on another thread) */
        boolean takeOver(Runnable release);
    }

    /** True when the job may start (the gate is now held until {@link #done}); false when skipped. */
    public boolean tryStart(Exchange exchange) {
        String trigger = exchange.getIn().getHeader(TRIGGER, "schedule", String.class);
        MissedSlots.reachedGate(exchange.getIn());
        Instant since;
        String what;
        synchronized (this) {
            if (busySince == null) {
                busySince = Instant.now();
                busyWith = "job";
                started.incrementAndGet();
                exchange.setProperty(STARTED, true);
                return true;
            }
            since = busySince;
            what = busyWith;
        }
        exchange.setProperty(STARTED, false);
        long n = skipped.incrementAndGet();
        LOG.info("Job ({} trigger) skipped: {} ({} skipped so far)", trigger, busy(what, since), n);
        return false;
    }

    /** True the first time only: the start-up run happens once, even when a route edit restarts its timer. */
    public boolean firstStartUp() {
        return startedUp.compareAndSet(false, true);
    }

    /** Ends the job that {@link #tryStart} let in; pending route edits are applied before the next can start. */
    public void done() {
        AfterJob hook;
        synchronized (this) {
            hook = afterJob;
            busyWith = "route reload"; // the job is over; what still holds the gate applies route edits
        }
        boolean takenOver = false;
        try {
            takenOver = hook.takeOver(this::release);
        } finally {
            if (!takenOver) {
                release();
            }
        }
    }

    /** Holds the gate for something that is not a job (a route reload); false when a job runs. */
    synchronized boolean tryHold(String what) {
        if (busySince != null) {
            return false;
        }
        busySince = Instant.now();
        busyWith = what;
        return true;
    }

    /** What holds the gate ("job", "route reload"), or null when nothing does. */
    synchronized String holder() {
        return busyWith;
    }

    synchronized void release() {
        busySince = null;
        busyWith = null;
    }

    synchronized void afterJob(AfterJob hook) {
        this.afterJob = hook;
    }

    public long skipped() {
        return skipped.get();
    }

    public long started() {
        return started.get();
    }

    /** When the running job (or reload) started, or null when idle. */
    public synchronized Instant busySince() {
        return busySince;
    }

    /** Why a trigger was skipped, as the log line and runNow() both say it: "previous run still in progress since ...". */
    public synchronized String busyText() {
        return busy(busyWith, busySince);
    }

    private static String busy(String what, Instant since) {
        return "previous " + (what == null || "job".equals(what) ? "run" : what) + " still in progress since "
                + (since == null ? "a moment ago" : since.truncatedTo(ChronoUnit.MILLIS));
    }
}
