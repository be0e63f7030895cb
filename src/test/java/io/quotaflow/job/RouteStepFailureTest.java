package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.TickerResult;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The row of a line whose quote was fetched and whose route step after the fetch then threw. */
class RouteStepFailureTest {

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void aPricedLineBecomesFailedWithItsPriceKeptAndTheStepsErrorAndCause() {
        TickerResult ok = TickerResult.ok(7, "MSFT", new BigDecimal("415.20"), 200, 2, 31);
        TickerResult row = RouteStepFailure.outcome(ok, new GenericFileOperationFailedException(
                "Cannot write file: out/quotes.jsonl", new IOException("No space left on device")), camel);

        assertThat(row).isEqualTo(new TickerResult(7, "MSFT", TickerResult.Outcome.FAILED, new BigDecimal("415.20"),
                200, 2, 31L, "route step failed", "route step failed: GenericFileOperationFailedException: Cannot write"
                + " file: out/quotes.jsonl (caused by IOException: No space left on device)"));
    }

    @Test
    void aLineWhoseFetchFailedKeepsItsReason() {
        TickerResult failed = TickerResult.failed(3, "ZZZ", 404, 1, 12L, "unknown symbol", "unknown symbol (HTTP 404)");
        TickerResult row = RouteStepFailure.outcome(failed, new IllegalStateException("boom"), camel);

        assertThat(row.outcome()).isEqualTo(TickerResult.Outcome.FAILED);
        assertThat(row.reason()).isEqualTo("unknown symbol");
        assertThat(row.error()).isEqualTo("unknown symbol (HTTP 404); then the route step failed: IllegalStateException: boom");
        assertThat(row.price()).isNull();
    }

    @Test
    void aSecretInTheStepsErrorIsMaskedAndTheTextIsOneShortLine() {
        String text = RouteStepFailure.describe(new RuntimeCamelException(new IOException(
                "HTTP operation failed invoking http://sink/q?token=s3cr3t-sink with statusCode: 500\n\tmore")),
                new org.apache.camel.support.processor.DefaultMaskingFormatter(camel));
        assertThat(text).doesNotContain("s3cr3t").contains("token=xxxxx").doesNotContain("\n").doesNotContain("\t")
                .startsWith("RuntimeCamelException: ");

        String longer = RouteStepFailure.describe(new IOException("x".repeat(5000)),
                new org.apache.camel.support.processor.DefaultMaskingFormatter(camel));
        assertThat(longer).hasSize(300).endsWith("...");
    }

    @Test
    void theStackTraceForDebugKeepsFramesAndCausesWithMaskedMessagesAndEndsOnALoopedChain() {
        IOException root = new IOException("refused by http://sink/q?password=s3cr3t-sink");
        RuntimeCamelException top = new RuntimeCamelException("sink failed", root);
        Throwable shown = RouteStepFailure.masked(top, new org.apache.camel.support.processor.DefaultMaskingFormatter(camel));

        assertThat(shown.getMessage()).isEqualTo("org.apache.camel.RuntimeCamelException: sink failed");
        assertThat(shown.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(shown.getCause().getMessage()).isEqualTo("java.io.IOException: refused by http://sink/q?password=xxxxx");
        assertThat(shown.getCause().getCause()).isNull();

        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b); // a -> b -> a
        Throwable looped = RouteStepFailure.masked(a, new org.apache.camel.support.processor.DefaultMaskingFormatter(camel));
        // each exception of the loop once (before: a, b, a, b, ... 51 copies)
        assertThat(looped.getMessage()).isEqualTo("java.io.IOException: a");
        assertThat(looped.getCause().getMessage()).isEqualTo("java.io.IOException: b");
        assertThat(looped.getCause().getCause()).isNull();
    }
}
