package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import io.quotaflow.support.StubApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An error handler of the user's (a file of its own with a dead letter channel and two redeliveries, as Camel users
 * add one), which applies to quotaflow's routes too, and a step of theirs in call-api that throws for one ticker.
 * Camel redelivers by calling call-api again, whose removeHeaders "*" also removed Camel's redelivery counter, so
 * before the fix the redeliveries never ran out: that ticker was fetched again and again (188 requests in 200 s with
 * Camel's 1 s redelivery delay) and the job never ended. Now the counter is kept: the line is asked 1 + 2 times, the
 * dead letter channel takes it, and it ends in one row, "internal error".
 */
class HandledErrorTest extends ServiceTestSupport {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final LogLines log = new LogLines();
    private StubApi api;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            calls.computeIfAbsent(StubApi.symbol(exchange), k -> new AtomicInteger()).incrementAndGet();
            StubApi.json(exchange, "{\"close\": 10.5}");
        });
        stubApi(s, api, "handled-error-test-key", List.of("AAA", "ZZZ", "BBB"));
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    @Test
    void anAttemptWhoseExceptionAnErrorHandlerTookEndsItsLineOnce() {
        String fetch = readRoute("fetch.yaml");
        String http = "                    throwExceptionOnFailure: false\n";
        assertThat(fetch).contains(http);
        writeRoute("errors.yaml", """
                - errorHandler:
                    deadLetterChannel:
                      deadLetterUri: log:dead
                      redeliveryPolicy:
                        maximumRedeliveries: 2
                        redeliveryDelay: 100
                """);
        String edited = fetch.replace(http, http + """
                              - filter:
                                  simple: "${exchangeProperty.quotaflowAttempts.item.ticker} == 'ZZZ'"
                                  steps:
                                    - throwException:
                                        exceptionType: java.lang.IllegalStateException
                                        message: a step of the user's
                """);
        long applied = log.count("fetch.yaml applied");
        writeRoute("fetch.yaml", edited);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == applied + 1);

        Summary summary = triggerJob();
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.succeeded()).isEqualTo(2);
        assertThat(summary.failures()).isEqualTo(Map.of("internal error", 1L));
        assertThat(calls.get("ZZZ").get()).as("ZZZ asked once and redelivered twice, not again and again").isEqualTo(3);
    }
}
