package io.quotaflow.job;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM (or any stop of the Camel context) while a job runs: Camel Main's shutdown hook stops the
 * context, and as it starts stopping this tells the running job to read no more lines and retry
 * nothing; a job that starts after that (a stop during start-up) starts no ticker at all. The calls in
 * flight finish or time out (each is bounded by quotaflow.request-timeout), their rows are written, the
 * job's summary says "incomplete", and Camel's graceful shutdown (camel.main.shutdownTimeout) waits for
 * exactly that. The next start in the same folder resumes it.
 */
public class GracefulStop extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final Jobs jobs;

    public GracefulStop(Jobs jobs) {
        this.jobs = jobs;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        JobRun job = jobs.stopping();
        if (job != null) {
            LOG.warn("Stopping: no new tickers are started; the calls in flight finish, then the job is saved as"
                    + " incomplete in {} (the next start there resumes it)", job.dir());
        }
    }
}
