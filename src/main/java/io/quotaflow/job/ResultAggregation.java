package io.quotaflow.job;

import io.quotaflow.fetch.Attempts;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.summary.TickerResult;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.processor.DefaultMaskingFormatter;

/**
 * The split's aggregation strategy: folds each line's outcome into the job's summary and results
 * file. Because it is the split's own strategy, the job's summary is written once, after the last
 * line, failures included. A line whose processing threw still ends in one outcome ("internal error", or
 * "route step failed" when a user's step before or after its fetch threw or kept it from being sent), unless a stop
 * cut it short: then it has none yet, and a resumed run fetches it.
 */
public class ResultAggregation implements AggregationStrategy {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultAggregation.class);

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
        JobRun run = exchange.getProperty(Outcomes.JOB, JobRun.class);
        if (fetched != null && (run == null || !run.isStopRequested())) {
            // a step after the fetch threw (a full disk, a sink that is down): the line keeps one outcome, which
            // says so; not "interrupted", even for an InterruptedIOException (an HTTP sink's lease timeout is one),
            // which would leave the line without a row and the job incomplete although nothing stopped it
            TickerResult result = RouteStepFailure.outcome(fetched, thrown, exchange.getContext());
            LOG.warn("Line {} ({}): {}", result.line(), result.ticker(), result.error());
            debugMasked(exchange, result, "the route step after the fetch threw", thrown);
            return result;
        }
        Object body = exchange.getMessage().getBody();
        if (body instanceof TickerResult r && exchange.getException() == null) {
            return r;
        }
        Attempts attempts = exchange.getProperty(Outcomes.ATTEMPTS, Attempts.class);
        // the body first (a skipped line's item replaces the one read); then what the fetch or the split kept aside,
        // for a user's step at split level that replaced the body with something else (README, "Editing a route")
        TickerItem item = body instanceof TickerItem ti ? ti : attempts != null ? attempts.item()
                : exchange.getProperty(SplitItem.PROPERTY, TickerItem.class);
        if (item == null) {
            throw new IllegalStateException("a split exchange carries neither a result nor its ticker", exchange.getException());
        }
        return switch (item.status()) {
            case INVALID -> afterStep(exchange, new TickerResult(item.line(), item.ticker(), TickerResult.Outcome.INVALID,
                    null, null, 0, null, "invalid", "invalid: " + item.reason()));
            case DUPLICATE -> afterStep(exchange, new TickerResult(item.line(), item.ticker(), TickerResult.Outcome.DUPLICATE,
                    null, null, 0, null, "duplicate", item.reason()));
            case VALID -> {
                Throwable e = exchange.getException();
                JobRun job = exchange.getProperty(Outcomes.JOB, JobRun.class);
                boolean cutShort = interrupted(e);
                if (job != null && job.isStopRequested() || cutShort) {
                    // cut short by a stop (e.g. a consumer interrupted while it waited for a slot): no outcome
                    // and no row, so a resumed run fetches it (and the job cannot end "completed")
                    if (e != null && !cutShort) {
                        LOG.warn("Line {} ({}) failed while the job was stopping; it is left for the resumed run",
                                item.line(), item.ticker(), e);
                    }
                    yield TickerResult.failed(item.line(), item.ticker(), null, 0, null, JobRun.INTERRUPTED,
                            "stopped before it had an outcome");
                }
                if (attempts == null) {
                    // the fetch never began: only a step before it (one of the user's, or the filter reading a body
                    // such a step replaced) can have thrown or let the line by
                    TickerResult result = RouteStepFailure.beforeFetch(item, e, body, exchange.getContext());
                    LOG.warn("Line {} ({}): {}", item.line(), item.ticker(), result.error());
                    debugMasked(exchange, result, "not sent", e);
                    yield result;
                }
                String why = e == null ? "no outcome" : e.getClass().getSimpleName();
                LOG.warn("Line {} ({}) ended in an internal error", item.line(), item.ticker(), e);
                yield TickerResult.failed(item.line(), item.ticker(), null, 0, null, "internal error", "internal error: " + why);
            }
        };
    }

    /**
     * An invalid or duplicate line keeps that outcome whatever a step of the user's did with it; a step that threw
     * is told in its error column (and a WARN), not dropped.
     */
    private static TickerResult afterStep(Exchange exchange, TickerResult asRead) {
        Throwable e = exchange.getException();
        if (e == null) {
            return asRead;
        }
        TickerResult result = RouteStepFailure.outcome(asRead, e, exchange.getContext());
        LOG.warn("Line {} ({}): {}", result.line(), result.ticker(), result.error());
        debugMasked(exchange, result, "a route step threw", e);
        return result;
    }

    /**
     * The stack trace of a user's step, at DEBUG, its messages masked as results.csv's error is: a sink's URI in
     * them may carry its credentials (token=...).
     */
    private static void debugMasked(Exchange exchange, TickerResult line, String what, Throwable e) {
        if (e != null && LOG.isDebugEnabled()) {
            LOG.debug("Line {} ({}): {}", line.line(), line.ticker(), what,
                    RouteStepFailure.masked(e, new DefaultMaskingFormatter(exchange.getContext())));
        }
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a read timeout is an InterruptedIOException too, but it is the API's doing, not a stop
            if (t instanceof InterruptedException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }
}
