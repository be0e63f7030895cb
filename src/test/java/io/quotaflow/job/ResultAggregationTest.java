package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.summary.TickerResult;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.PackagedDefaults;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line ends in exactly one outcome, whatever its exchange carries back to the split: its result, an invalid or
 * duplicate line as read, an internal error, or - cut short by a stop - no outcome yet (a resumed run fetches it).
 */
class ResultAggregationTest {

    @TempDir
    Path dir;

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private JobRun job() {
        QuotaflowSettings settings = QuotaflowSettings.from(PackagedDefaults.load()::getProperty);
        return new JobRun(settings, () -> List.of(22), dir, new UrlTemplate("http://127.0.0.1:1/q?s={ticker}"),
                ResumeJournal.none());
    }

    private Exchange exchange(JobRun job, Object body, Exception e) {
        Exchange x = new DefaultExchange(camel);
        x.getMessage().setBody(body);
        x.setException(e);
        if (job != null) {
            x.setProperty(Outcomes.JOB, job);
        }
        return x;
    }

    @Test
    void aResultIsRecordedOnceAndItsErrorDoesNotFailTheJob() throws Exception {
        JobRun job = job();
        TickerResult ok = TickerResult.ok(1, "AAPL", new BigDecimal("1.5"), 200, 1, 3);
        Exchange first = exchange(job, ok, null);
        Exchange second = exchange(job, TickerItem.of(2, "MSFT"), null);
        new Outcomes(null).begin(second); // its fetch began
        second.setException(new IllegalStateException("boom"));
        ResultAggregation aggregation = new ResultAggregation();

        assertThat(aggregation.aggregate(null, first)).isSameAs(first);
        assertThat(aggregation.aggregate(first, second)).as("the split keeps its first exchange").isSameAs(first);

        assertThat(second.getException()).isNull();
        job.finish(JobRun.State.COMPLETED);
        assertThat(Files.readAllLines(dir.resolve(JobRun.RESULTS), StandardCharsets.UTF_8)).containsExactly(
                "line,ticker,outcome,price,http_status,attempts,latency_ms,error,reason",
                "1,AAPL,ok,1.5,200,1,3,,",
                "2,MSFT,failed,,,0,,internal error: IllegalStateException,internal error");
    }

    @Test
    void invalidAndDuplicateLinesAreReportedAsRead() {
        TickerResult invalid = ResultAggregation.resultOf(exchange(null,
                new TickerItem(3, "A&B", TickerItem.Status.INVALID, "not a valid symbol: contains '&'"), null));
        assertThat(invalid).isEqualTo(new TickerResult(3, "A&B", TickerResult.Outcome.INVALID, null, null, 0, null,
                "invalid", "invalid: not a valid symbol: contains '&'"));
        TickerResult duplicate = ResultAggregation.resultOf(exchange(null,
                new TickerItem(4, "AAPL", TickerItem.Status.DUPLICATE, "duplicate of line 1"), null));
        assertThat(duplicate).isEqualTo(new TickerResult(4, "AAPL", TickerResult.Outcome.DUPLICATE, null, null, 0, null,
                "duplicate", "duplicate of line 1"));
    }

    @Test
    void aValidLineThatEndedWithoutAResultIsAnInternalError() {
        Exchange begun = exchange(job(), TickerItem.of(5, "IBM"), null);
        new Outcomes(null).begin(begun);
        TickerResult r = ResultAggregation.resultOf(begun);
        assertThat(r.outcome()).isEqualTo(TickerResult.Outcome.FAILED);
        assertThat(r.reason()).isEqualTo("internal error");
        assertThat(r.error()).isEqualTo("internal error: no outcome");
        // a result that came back with an exception is not taken as the outcome; the ticker is the fetch's
        Exchange fetched = exchange(job(), TickerItem.of(6, "IBM"), null);
        new Outcomes(null).begin(fetched);
        fetched.getMessage().setBody(TickerResult.ok(6, "IBM", BigDecimal.ONE, 200, 1, 3));
        fetched.setException(new IllegalStateException("x"));
        assertThat(ResultAggregation.resultOf(fetched))
                .isEqualTo(new TickerResult(6, "IBM", TickerResult.Outcome.FAILED, null, null, 0, null, "internal error",
                        "internal error: IllegalStateException"))
                .isNotNull();
    }

    @Test
    void aLineCutShortByAStopHasNoOutcomeYet() {
        Exception interrupted = new RuntimeException("wrapped", new InterruptedException());
        assertThat(ResultAggregation.resultOf(exchange(job(), TickerItem.of(7, "IBM"), interrupted)).reason())
                .isEqualTo(JobRun.INTERRUPTED);
        assertThat(ResultAggregation.resultOf(exchange(job(), TickerItem.of(7, "IBM"), new InterruptedIOException())).reason())
                .isEqualTo(JobRun.INTERRUPTED);
        JobRun stopping = job();
        stopping.requestStop();
        try (LogLines log = new LogLines()) {
            assertThat(ResultAggregation.resultOf(exchange(stopping, TickerItem.of(7, "IBM"), new IllegalStateException("x")))
                    .reason()).as("any end while the job stops").isEqualTo(JobRun.INTERRUPTED);
            assertThat(ResultAggregation.resultOf(exchange(stopping, TickerItem.of(8, "MSFT"), null)).reason())
                    .isEqualTo(JobRun.INTERRUPTED);
            // an error is still told, once; an interruption or no error at all is what a stop does
            assertThat(log.text()).contains("Line 7 (IBM) failed while the job was stopping; it is left for the resumed run")
                    .doesNotContain("Line 8");
        }
    }

    @Test
    void aReadTimeoutIsTheApisDoingNotAStop() {
        Exchange fetching = exchange(job(), TickerItem.of(8, "IBM"), null);
        new Outcomes(null).begin(fetching);
        fetching.setException(new RuntimeException(new SocketTimeoutException("Read timed out")));
        assertThat(ResultAggregation.resultOf(fetching).reason()).isEqualTo("internal error");
    }

    /**
     * A step of the user's at split level, outside the filter on ${body.valid}, replaced the body of lines that were
     * never fetched (a setBody, a marshal), or threw: each line still has its one outcome, from the item the split
     * kept aside; before, the aggregation threw and the whole job failed.
     */
    @Test
    void aStepOutsideTheFilterLeavesEachLineOneOutcome() {
        JobRun job = job();
        TickerItem invalid = new TickerItem(3, "A&B", TickerItem.Status.INVALID, "not a valid symbol: contains '&'");
        assertThat(ResultAggregation.resultOf(replaced(job, invalid, "{\"json\": 1}", null)))
                .isEqualTo(new TickerResult(3, "A&B", TickerResult.Outcome.INVALID, null, null, 0, null, "invalid",
                        "invalid: not a valid symbol: contains '&'"));
        TickerItem duplicate = new TickerItem(4, "AAPL", TickerItem.Status.DUPLICATE, "duplicate of line 1");
        assertThat(ResultAggregation.resultOf(replaced(job, duplicate, null, new java.io.IOException("disk full"))))
                .isEqualTo(new TickerResult(4, "AAPL", TickerResult.Outcome.DUPLICATE, null, null, 0, null, "duplicate",
                        "duplicate of line 1; then the route step failed: IOException: disk full"));
        // a valid line whose body was replaced before the filter: the filter could not read it, or let it by
        assertThat(ResultAggregation.resultOf(replaced(job, TickerItem.of(5, "IBM"), new byte[0], null)))
                .isEqualTo(TickerResult.failed(5, "IBM", null, 0, null, "route step failed",
                        "route step failed before the fetch (its body replaced by a byte[]): not sent to seda:fetch"));
        assertThat(ResultAggregation.resultOf(replaced(job, TickerItem.of(6, "MSFT"), "x",
                new IllegalArgumentException("no method valid"))).error())
                .isEqualTo("route step failed before the fetch (its body replaced by a String): IllegalArgumentException:"
                        + " no method valid");
        // one that threw with its body intact never reached the fetch either: the step's failure, not an internal one
        Exchange thrown = exchange(job, TickerItem.of(7, "ORCL"), new java.io.IOException("disk full"));
        assertThat(ResultAggregation.resultOf(thrown).error())
                .isEqualTo("route step failed before the fetch: IOException: disk full");
    }

    @Test
    void aLineSkippedByARouteFilterStaysSkippedWhenALaterStepReplacesTheBody() {
        Exchange x = exchange(job(), TickerItem.of(9, "X.TEST"), null);
        new SplitItem().process(x);
        x.getMessage().setBody(new io.quotaflow.fetch.SkipTicker().skip(x.getMessage().getBody(TickerItem.class), x));
        x.getMessage().setBody("marshalled");
        assertThat(ResultAggregation.resultOf(x)).isEqualTo(new TickerResult(9, "X.TEST", TickerResult.Outcome.INVALID,
                null, null, 0, null, "invalid", "invalid: skipped by a route filter"));
    }

    /** The split's exchange of this item (kept aside by the split's onPrepare), its body then replaced by a step. */
    private Exchange replaced(JobRun job, TickerItem item, Object body, Exception e) {
        Exchange x = exchange(job, item, null);
        new SplitItem().process(x);
        x.getMessage().setBody(body);
        x.setException(e);
        return x;
    }

    @Test
    void anExchangeWithNeitherResultNorTickerIsAnErrorNotASilentLoss() {
        assertThatThrownBy(() -> ResultAggregation.resultOf(exchange(job(), "something else", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("neither a result nor its ticker");
    }
}
