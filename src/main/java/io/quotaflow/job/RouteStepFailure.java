package io.quotaflow.job;

import io.quotaflow.Causes;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.summary.TickerResult;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.support.processor.DefaultMaskingFormatter;

/**
 * A line whose quote was fetched, and then a step a user added after the fetch (README, "Editing a route", e.g.
 * writing each quote to a file) threw. The line still ends in one outcome: {@code failed}, reason
 * {@value #REASON}, with the price, status and attempts the fetch got kept in its row, so {@code ok} keeps
 * meaning "went through the whole route" (one row per line a user's sink got). A line whose fetch had already
 * failed keeps that reason; the step's error is added to its error column.
 */
final class RouteStepFailure {

    static final String REASON = "route step failed";

    /** Enough of an exception to act on (a path, "No space left on device"), short enough for one csv cell. */
    private static final int MAX_DETAIL = 300;

    private RouteStepFailure() {
    }

    static TickerResult outcome(TickerResult fetched, Throwable e, CamelContext context) {
        String detail = describe(e, new DefaultMaskingFormatter(context));
        if (fetched.outcome() == TickerResult.Outcome.OK) {
            return new TickerResult(fetched.line(), fetched.ticker(), TickerResult.Outcome.FAILED, fetched.price(),
                    fetched.httpStatus(), fetched.attempts(), fetched.latencyMs(), REASON, REASON + ": " + detail);
        }
        return new TickerResult(fetched.line(), fetched.ticker(), fetched.outcome(), fetched.price(),
                fetched.httpStatus(), fetched.attempts(), fetched.latencyMs(), fetched.reason(),
                fetched.error() + "; then the " + REASON + ": " + detail);
    }

    /**
     * A valid line that never reached the fetch: a step before it threw, or replaced or stopped the line so that the
     * filter on {@code ${body.valid}} did not send it. Failed with {@value #REASON}, no price, no attempt; the row is
     * final, as after the fetch. A replaced body is named by its type: the filter's own error on it (no method
     * "valid" on a String) reads as a Camel fault otherwise.
     */
    static TickerResult beforeFetch(TickerItem item, Throwable e, Object body, CamelContext context) {
        String replaced = body instanceof TickerItem ? ""
                : " (its body replaced by " + (body == null ? "null" : "a " + body.getClass().getSimpleName()) + ")";
        String detail = e != null ? describe(e, new DefaultMaskingFormatter(context)) : "not sent to seda:fetch";
        return TickerResult.failed(item.line(), item.ticker(), null, 0, null, REASON,
                REASON + " before the fetch" + replaced + ": " + detail);
    }

    /**
     * The exception and, when it wraps another (what went wrong is often the innermost one), its root cause, on
     * one line.
     * A user's step may name its own endpoint's credentials (an http:...?token=...): masked as Camel masks its
     * logs (camel.main.logMask), because this text is written to results.csv.
     */
    static String describe(Throwable e, MaskingFormatter mask) {
        Throwable root = Causes.root(e);
        String text = oneLine(e) + (root == e ? "" : " (caused by " + oneLine(root) + ")");
        text = mask.format(text.replaceAll("\\s+", " ").strip());
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }

    /**
     * The exception for the DEBUG stack trace: the same frames and causes, each one's class and message masked as in
     * {@link #describe}. Logged as it is, the message of a user's endpoint error would carry its credentials.
     */
    static Throwable masked(Throwable e, MaskingFormatter mask) {
        List<Throwable> chain = Causes.of(e);
        Throwable copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) { // innermost first: each copy wraps the copy of its cause
            Throwable t = chain.get(i);
            copy = new Masked(mask.format(t.toString()), copy);
            copy.setStackTrace(t.getStackTrace());
        }
        return copy;
    }

    /** Stands in for one exception of the chain: its message is the original's class and masked message. */
    private static final class Masked extends Exception {
        Masked(String text, Throwable cause) {
            super(text, cause, false, true);
        }
    }

    private static String oneLine(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
