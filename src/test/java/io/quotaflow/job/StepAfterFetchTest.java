package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.Throttle;
import io.quotaflow.fetch.TickerItem;
import io.quotaflow.fetch.UrlTemplate;
import io.quotaflow.limit.ApiKey;
import io.quotaflow.limit.RateLimiter;
import io.quotaflow.summary.TickerResult;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.PackagedDefaults;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The outcome the split's aggregation takes for a line whose quote was fetched, whatever a user's step after the
 * fetch did: replaced the body, threw, or threw while the job was stopping.
 */
class StepAfterFetchTest {

    @TempDir
    Path dir;

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final TickerResult fetched = TickerResult.ok(4, "MSFT", new BigDecimal("415.2"), 200, 1, 30);
    private JobRun job;
    private Exchange exchange;

    @BeforeEach
    void aFetchedLine() {
        Properties p = PackagedDefaults.load();
        p.setProperty("quotaflow.api.url", "http://127.0.0.1:19301/quote?symbol={ticker}");
        QuotaflowSettings s = QuotaflowSettings.from(p::getProperty);
        RateLimiter limiter = new RateLimiter(ApiKey.all(s.apiKeys()), 10, Duration.ofSeconds(1), Duration.ZERO, false);
        job = new JobRun(s, limiter::limits, dir, new UrlTemplate(s.apiUrl()), ResumeJournal.none());
        Throttle throttle = new Throttle();
        throttle.use(limiter);
        exchange = new DefaultExchange(camel);
        exchange.setProperty(Outcomes.JOB, job);
        exchange.getMessage().setBody(TickerItem.of(4, "MSFT"));
        new Outcomes(throttle).begin(exchange);
        // what Outcomes leaves when the quote came back
        exchange.setProperty(Outcomes.RESULT, fetched);
        exchange.getMessage().setBody(fetched);
    }

    @AfterEach
    void close() throws IOException {
        camel.close();
    }

    @Test
    void aStepThatReplacedTheBodyLeavesTheOutcome() {
        exchange.getMessage().setBody("{\"ticker\": \"MSFT\"}");
        assertThat(ResultAggregation.resultOf(exchange)).isEqualTo(fetched);
    }

    @Test
    void aStepThatThrewEndsTheLineAsRouteStepFailedWithItsPrice() {
        exchange.getMessage().setBody("{\"ticker\": \"MSFT\"}");
        exchange.setException(new IOException("No space left on device"));
        TickerResult row = ResultAggregation.resultOf(exchange);
        assertThat(row.outcome()).isEqualTo(TickerResult.Outcome.FAILED);
        assertThat(row.reason()).isEqualTo("route step failed");
        assertThat(row.price()).isEqualByComparingTo("415.2");
    }

    @Test
    void aStepThatThrewWhileTheJobStopsLeavesTheLineToTheResumedRun() {
        job.requestStop();
        exchange.setException(new IOException("No space left on device"));
        TickerResult row = ResultAggregation.resultOf(exchange);
        assertThat(row.reason()).as("no row: the next start fetches it and runs the step again")
                .isEqualTo(JobRun.INTERRUPTED);
    }

    @Test
    void aSinksTokenInTheStepsErrorReachesNoLogEvenAtDebugWhereTheStackTraceIs() {
        // the README sends users to DEBUG for the step's stack trace; the exception's messages are masked there too
        try (LogLines log = aggregationAtDebug()) {
            exchange.setException(new RuntimeCamelException(new IOException(
                    "HTTP operation failed invoking http://sink/q?token=s3cr3t-sink with statusCode: 500")));
            ResultAggregation.resultOf(exchange);

            assertThat(log.text()).as("the stack trace is logged at DEBUG")
                    .contains("the route step after the fetch threw")
                    .contains("at io.quotaflow.job.StepAfterFetchTest")
                    .contains("IOException: HTTP operation failed invoking http://sink/q?token=xxxxx");
            assertThat(log.text()).doesNotContain("s3cr3t");
        }
    }

    @Test
    void aSinksTokenInAStepBeforeTheFetchReachesNoLogEither() {
        // a step at split level (README, "A step elsewhere in the split"): the line never reached the fetch
        try (LogLines log = aggregationAtDebug()) {
            Exchange early = new DefaultExchange(camel);
            early.setProperty(Outcomes.JOB, job);
            early.setProperty(SplitItem.PROPERTY, TickerItem.of(5, "IBM"));
            early.getMessage().setBody("IBM as the user's step left it");
            early.setException(new RuntimeCamelException(new IOException(
                    "HTTP operation failed invoking http://sink/q?token=s3cr3t-early with statusCode: 500")));
            TickerResult row = ResultAggregation.resultOf(early);

            assertThat(row.reason()).isEqualTo("route step failed");
            assertThat(log.text()).as("the stack trace is logged at DEBUG").contains("not sent")
                    .contains("at io.quotaflow.job.StepAfterFetchTest");
            assertThat(log.text() + row.error()).doesNotContain("s3cr3t");
        }
    }

    /** Everything the aggregation logs, DEBUG included (where the README sends users for a step's stack trace). */
    private static LogLines aggregationAtDebug() {
        String logger = ResultAggregation.class.getName();
        Level before = LogManager.getLogger(logger).getLevel();
        Configurator.setLevel(logger, Level.DEBUG);
        return LogLines.everything().onClose(() -> Configurator.setLevel(logger, before));
    }
}
