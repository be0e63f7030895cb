package io.quotaflow.fetch;

import io.quotaflow.job.JobRun;
import io.quotaflow.limit.Permit;
import io.quotaflow.limit.RateLimiter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;

/**
 * The throttle step of the route: waits until some API key has a free slot in its window and
 * reserves it for this exchange. {@link WireGuard} lets the request go when the slot is free and has the
 * slot stamped when the response arrives; {@link #release(Exchange)} gives it back if the call never
 * happened.
 */
public class Throttle {

    /** Names the key (its label, never the secret) chosen by {@link #assignKey}. */
    public static final String KEY_HEADER = "Quotaflow-Key";

    private volatile RateLimiter limiter;
    /** Counts {@link #assignKey} calls, to pick keys round robin. */
    private final AtomicLong assigned = new AtomicLong();

    public void use(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    public void acquire(Exchange exchange) throws InterruptedException {
        Attempts a = exchange.getProperty(Outcomes.ATTEMPTS, Attempts.class);
        JobRun job = exchange.getProperty(Outcomes.JOB, JobRun.class);
        // no slot when this exchange's job is stopping (the limiter may serve a newer job by now), or when the
        // limiter's job began stopping while it waited: HttpClient then refuses the request before it connects
        Permit permit = job != null && job.isStopRequested() ? null : limiter.acquire();
        if (permit == null) {
            exchange.getMessage().setHeader(WireGuard.STOPPED_HEADER, true);
            return;
        }
        if (a != null) {
            a.permit = permit;
        }
        exchange.getMessage().setHeader(WireGuard.PERMIT_HEADER, permit.id());
    }

    /**
     * For routes that limit with Camel's throttle EIP instead (the benchmark's naive route): picks
     * the next key round robin and names it in the {@value #KEY_HEADER} header, to correlate on.
     */
    public void assignKey(Exchange exchange) {
        List<String> labels = limiter.labels();
        exchange.getMessage().setHeader(KEY_HEADER, labels.get((int) (assigned.getAndIncrement() % labels.size())));
    }

    public void release(Exchange exchange) {
        Attempts a = exchange.getProperty(Outcomes.ATTEMPTS, Attempts.class);
        if (a != null) {
            limiter.release(a.permit); // a no-op once the request was sent
        }
        exchange.getMessage().removeHeader(WireGuard.PERMIT_HEADER);
        exchange.getMessage().removeHeader(WireGuard.STOPPED_HEADER);
    }
}
