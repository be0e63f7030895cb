package io.quotaflow.monitor;

import io.quotaflow.job.JobRun;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/** The running job in JMX ({@code io.quotaflow:type=job,name=current}); IDLE and zeros between jobs. */
@ManagedResource(description = "quotaflow: the running job")
public final class CurrentJobView {

    private final JobFigures figures;

    public CurrentJobView(JobFigures figures) {
        this.figures = figures;
    }

    @ManagedAttribute(description = "RUNNING, or IDLE when no job runs")
    public String getState() {
        return figures.state();
    }

    @ManagedAttribute(description = "When the running job started (UTC), empty when idle")
    public String getStartedAt() {
        return figures.current().map(JobRun::startedAt).map(Object::toString).orElse("");
    }

    @ManagedAttribute(description = "Lines with an outcome so far")
    public long getDone() {
        return figures.done();
    }

    @ManagedAttribute(description = "Ticker lines in the running job: counted when it started (or as far as the list has been read, if it could not be counted)")
    public long getTotal() {
        return figures.totalLines();
    }

    @ManagedAttribute(description = "Whether the whole ticker list has been read")
    public boolean isListComplete() {
        return figures.listComplete();
    }

    @ManagedAttribute(description = "Tickers with a price so far")
    public long getSucceeded() {
        return figures.succeeded();
    }

    @ManagedAttribute(description = "HTTP attempts so far, retries included")
    public long getRequests() {
        return figures.requests();
    }

    @ManagedAttribute(description = "Rate-limited answers so far")
    public long getRateLimited() {
        return figures.rateLimited();
    }

    @ManagedAttribute(description = "Requests per second in the last rate period, as the API counts them")
    public double getRatePerSecond() {
        return figures.ratePerSecond();
    }

    @ManagedAttribute(description = "Seconds to go: the lines without an outcome times the requests a line has taken, at the quota or the last period's rate when lower; -1 when no job runs")
    public double getEtaSeconds() {
        return figures.etaSeconds();
    }
}
