package io.quotaflow.job;

import io.quotaflow.Causes;
import io.quotaflow.fetch.Attempts;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.summary.TickerResult;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.processor.DefaultMaskingFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The split's aggregation strategy: folds each line's outcome into the job's summary and results
 * file. Because it is the split's own strategy, the job's summary is written once, after the last
 * line, failures included. A line whose processing threw still ends in one outcome ("internal error", or
 * "route step failed" when a user's step before or after its fetch threw or kept it from being sent), unless a stop
 * cut it short: then it has none yet, and a resumed run fetches it.
 */
public class ResultAggregation implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(ResultAggregation.class);

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        JobRun job = newExchange.getProperty(Outcomes.JOB, JobRun.class);
        job.record(resultOf(newExchange));
        // the outcome is recorded: the error must not also fail the whole job
        newExchange.setException(null);
        return oldExchange == null ? newExchange : oldExchange;
    }

    static TickerResult resultOf(Exchange exchange) {
        // what the fetch found, kept by Outcomes apart from the body, which a user's step after it may replace
        TickerResult fetched = exchange.getProperty(Outcomes.RESULT, TickerResult.class);
        Throwable thrown = exchange.getException();
        if (fetched != null && thrown == null) {
            return fetched;
        }
        JobRun job = exchange.getProperty(Outcomes.JOB, JobRun.class);
        boolean stopping = job != null && job.isStopRequested();
        if (fetched != null && !stopping) {
            // a step after the fetch threw (a full disk, a sink that is down): the line keeps one outcome, which
            // says so; not "interrupted", even for an InterruptedIOException (an HTTP sink's lease timeout is one),
            // which would leave the line without a row and the job incomplete although nothing stopped it
            return stepFailed(exchange, RouteStepFailure.outcome(fetched, thrown, exchange.getContext()),
                    "the route step after the fetch threw", thrown);
        }
        Object body = exchange.getMessage().getBody();
        if (body instanceof TickerResult r && thrown == null) {
            return r;
        }
        Attempts attempts = exchange.getProperty(Outcomes.ATTEMPTS, Attempts.class);
        // the body first (a skipped line's item replaces the one read); then what the fetch or the split kept aside,
        // for a user's step at split level that replaced the body with something else (README, "Editing a route")
        TickerItem item = body instanceof TickerItem ti ? ti : attempts != null ? attempts.item()
                : exchange.getProperty(SplitItem.PROPERTY, TickerItem.class);
        if (item == null) {
            throw new IllegalStateException("a split exchange carries neither a result nor its ticker", thrown);
        }
        return switch (item.status()) {
            case INVALID -> afterStep(exchange, thrown, new TickerResult(item.line(), item.ticker(),
                    TickerResult.Outcome.INVALID, null, null, 0, null, "invalid", "invalid: " + item.reason()));
            case DUPLICATE -> afterStep(exchange, thrown, new TickerResult(item.line(), item.ticker(),
                    TickerResult.Outcome.DUPLICATE, null, null, 0, null, "duplicate", item.reason()));
            case VALID -> {
                boolean cutShort = interrupted(thrown);
                if (stopping || cutShort) {
                    // cut short by a stop (e.g. a consumer interrupted while it waited for a slot): no outcome
                    // and no row, so a resumed run fetches it (and the job cannot end "completed")
                    if (thrown != null && !cutShort) {
                        LOG.warn("Line {} ({}) failed while the job was stopping; it is left for the resumed run",
                                item.line(), item.ticker(), thrown);
                    }
                    yield TickerResult.failed(item.line(), item.ticker(), null, 0, null, JobRun.INTERRUPTED,
                            "stopped before it had an outcome");
                }
                if (attempts == null) {
                    // the fetch never began: only a step before it (one of the user's, or the filter reading a body
                    // such a step replaced) can have thrown or let the line by
                    yield stepFailed(exchange, RouteStepFailure.beforeFetch(item, thrown, body, exchange.getContext()),
                            "not sent", thrown);
                }
                String why = thrown == null ? "no outcome" : thrown.getClass().getSimpleName();
                LOG.warn("Line {} ({}) ended in an internal error", item.line(), item.ticker(), thrown);
                yield TickerResult.failed(item.line(), item.ticker(), null, 0, null, "internal error", "internal error: " + why);
            }
        };
    }

    /**
     * An invalid or duplicate line keeps that outcome whatever a step of the user's did with it; a step that threw
     * is told in its error column (and a WARN), not dropped.
     */
    private static TickerResult afterStep(Exchange exchange, Throwable thrown, TickerResult asRead) {
        return thrown == null ? asRead
                : stepFailed(exchange, RouteStepFailure.outcome(asRead, thrown, exchange.getContext()), "a route step threw",
                        thrown);
    }

    /**
     * A line a user's step failed: its row's error in one WARN, and the step's stack trace at DEBUG with its messages
     * masked as that error is (a sink's URI in them may carry its credentials, token=...).
     */
    private static TickerResult stepFailed(Exchange exchange, TickerResult result, String what, Throwable thrown) {
        LOG.warn("Line {} ({}): {}", result.line(), result.ticker(), result.error());
        if (thrown != null && LOG.isDebugEnabled()) {
            LOG.debug("Line {} ({}): {}", result.line(), result.ticker(), what,
                    RouteStepFailure.masked(thrown, new DefaultMaskingFormatter(exchange.getContext())));
        }
        return result;
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            // a read timeout is an InterruptedIOException too, but it is the API's doing, not a stop
            if (t instanceof InterruptedException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }
}
