package io.quotaflow.monitor;

import io.quotaflow.summary.Summary;
import java.util.function.Function;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/**
 * The last finished job's summary figures in JMX ({@code io.quotaflow:type=job,name=last}), the same numbers as
 * its summary.json. After a restart, the job an earlier process completed (latest/summary.json, see
 * {@link PreviousJob}) until this process finishes one, with {@code ReadFrom} naming the file; empty/zero when
 * there is neither.
 */
@ManagedResource(description = "quotaflow: summary of the last finished job")
public final class LastJobView {

    private final JobFigures figures;

    public LastJobView(JobFigures figures) {
        this.figures = figures;
    }

    private <T> T get(Function<Summary, T> field, T none) {
        return figures.lastSummary().map(field).orElse(none);
    }

    @ManagedAttribute(description = "completed, incomplete (stopped) or failed; empty when no job has finished (in this process, nor in latest/summary.json)")
    public String getStatus() {
        return get(Summary::status, "");
    }

    @ManagedAttribute(description = "Valid tickers")
    public long getTotal() {
        return get(Summary::total, 0L);
    }

    @ManagedAttribute(description = "Tickers with a price")
    public long getSucceeded() {
        return get(Summary::succeeded, 0L);
    }

    @ManagedAttribute(description = "Valid tickers without a price")
    public long getFailed() {
        return get(Summary::failed, 0L);
    }

    @ManagedAttribute(description = "Invalid lines")
    public long getInvalid() {
        return get(Summary::invalid, 0L);
    }

    @ManagedAttribute(description = "Exact average price, as text (no rounding through double)")
    public String getAveragePrice() {
        return get(s -> s.averagePrice() == null ? "" : s.averagePrice().toPlainString(), "");
    }

    @ManagedAttribute(description = "HTTP attempts, retries included")
    public long getRequests() {
        return get(Summary::requests, 0L);
    }

    @ManagedAttribute(description = "Rate-limited answers")
    public long getRateLimited() {
        return get(Summary::rateLimited, 0L);
    }

    @ManagedAttribute(description = "First request to last response, seconds")
    public double getElapsedSeconds() {
        return get(Summary::elapsedSeconds, 0.0);
    }

    @ManagedAttribute(description = "Least possible time at this limit, seconds")
    public double getIdealSeconds() {
        return get(Summary::idealSeconds, 0.0);
    }

    @ManagedAttribute(description = "ideal / elapsed; 0 when not computable")
    public double getEfficiency() {
        return get(s -> s.efficiency() == null ? 0.0 : s.efficiency(), 0.0);
    }

    @ManagedAttribute(description = "When the job finished (UTC)")
    public String getFinishedAt() {
        return get(Summary::finishedAt, "");
    }

    @ManagedAttribute(description = "The file these figures were read from when quotaflow started (a job an earlier"
            + " process completed); empty when they are of a job this process ran, or there is none")
    public String getReadFrom() {
        return figures.lastReadFrom().map(Object::toString).orElse("");
    }
}
