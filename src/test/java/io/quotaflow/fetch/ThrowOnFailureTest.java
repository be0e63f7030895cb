package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.job.JobRun;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import io.quotaflow.support.StubApi;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * fetch.yaml's http step edited to {@code throwExceptionOnFailure: true}, camel-http's own default and a common
 * Camel habit: every status of 300 and up then comes back as an HttpOperationFailedException instead of an
 * answer. Before the fix, a 404, a 500 and a 429 each ended their ticker "internal error" at once (no retry, the
 * unknown symbol not named), and the summary's requests left those attempts out. Now such an exception is read as
 * the answer it carries: the same rows as with the route as shipped.
 */
class ThrowOnFailureTest extends ServiceTestSupport {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final LogLines log = new LogLines();
    private StubApi api;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            String symbol = StubApi.symbol(exchange);
            int call = calls.computeIfAbsent(symbol, k -> new AtomicInteger()).incrementAndGet();
            if (symbol.equals("ZZZ")) {
                exchange.sendResponseHeaders(404, -1);
            } else if (symbol.equals("BBB") && call == 1) {
                exchange.sendResponseHeaders(500, -1);
            } else if (symbol.equals("CCC") && call == 1) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
            } else {
                StubApi.json(exchange, "{\"close\": 10.5}");
                return;
            }
            exchange.close();
        });
        stubApi(s, api, "throw-on-failure-test-key", List.of("AAA", "ZZZ", "BBB", "CCC"));
        s.put("quotaflow.retry.backoff", "10ms");
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    @Test
    void aStatusThrownAsAnExceptionIsReadAsTheAnswer() {
        String fetch = readRoute("fetch.yaml");
        assertThat(fetch).contains("throwExceptionOnFailure: false");
        long applied = log.count("fetch.yaml applied");
        writeRoute("fetch.yaml", fetch.replace("throwExceptionOnFailure: false", "throwExceptionOnFailure: true"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("fetch.yaml applied") == applied + 1);

        Summary summary = triggerJob();
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(resultRowsOfLastJob()).containsExactly(
                "1,AAA,ok,200,1", "2,ZZZ,failed,404,1,unknown symbol", "3,BBB,ok,200,2", "4,CCC,ok,200,2");
        assertThat(summary.failures()).isEqualTo(Map.of("unknown symbol", 1L));
        assertThat(summary.requests()).as("every attempt the API answered").isEqualTo(6);
        assertThat(summary.rateLimited()).isEqualTo(1);
    }

    /** line, ticker, outcome, status, attempts (and the reason of a failed row), in line order. */
    private List<String> resultRowsOfLastJob() {
        try (Reader in = Files.newBufferedReader(jobs().last().dir().resolve(JobRun.RESULTS))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(in).getRecords().stream()
                    .sorted(Comparator.comparingLong(r -> Long.parseLong(r.get("line"))))
                    .map(r -> String.join(",", r.get("line"), r.get("ticker"), r.get("outcome"), r.get("http_status"),
                            r.get("attempts")) + (r.get("reason").isEmpty() ? "" : "," + r.get("reason")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
