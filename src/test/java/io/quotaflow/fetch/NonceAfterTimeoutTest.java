package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nonce mode (found by a randomized stress run: a server counting late, past the request timeout). An API that stalls before it counts (and checks the nonce of) a request, for longer than
 * quotaflow.request-timeout: the client gives up, and the limiter keeps the slot as if the request were counted
 * one request-timeout after the give-up ({@code RateLimiter.unanswered}). But the key's NEXT nonce leaves at once:
 * {@code KeyWindow.hasInFlight()} is false after the give-up and {@code orderedWait} only spaces sends by the margin.
 * The server then counts the higher nonce first and the stalled request's lower nonce after it: a nonce error at the
 * API (here 409 to a request nobody waits for any more), which is what nonce mode promises never to cause.
 *
 * <p>Deterministic: one key, two consumers, the first request counted 450 ms after it arrived, timeout 300 ms.
 */
class NonceAfterTimeoutTest extends QuotaflowTestSupport {

    private StubApi api;

    @Override
    protected void settings(Map<String, String> s) {
        AtomicInteger seen = new AtomicInteger();
        long[] last = {Long.MIN_VALUE};
        List<String> log = new ArrayList<>();
        api = StubApi.start(exchange -> {
            String query = exchange.getRequestURI().getQuery();
            long nonce = Long.parseLong(query.replaceAll(".*nonce=([0-9]+).*", "$1"));
            if (seen.incrementAndGet() == 1) {
                sleep(450); // paused before its limiter and nonce check run
            }
            boolean accepted;
            synchronized (log) {
                accepted = nonce > last[0];
                if (accepted) {
                    last[0] = nonce;
                }
                log.add(StubApi.symbol(exchange) + ":" + nonce + (accepted ? "" : ":REJECTED"));
            }
            try {
                if (accepted) {
                    StubApi.json(exchange, "{\"close\": 12.5}");
                } else {
                    exchange.sendResponseHeaders(409, -1);
                    exchange.close();
                }
            } catch (IOException gone) {
                // the client gave up on it
            }
        });
        countedLog = log;
        s.put("quotaflow.api.url", api.urlTemplate() + "&nonce={nonce}");
        s.put("quotaflow.api.keys", "only-key");
        s.put("quotaflow.rate.requests", "10");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "2");
        s.put("quotaflow.request-timeout", "300ms");
        s.put("quotaflow.retry.backoff", "100ms");
        s.put("quotaflow.tickers", writeTickers("n.txt", List.of("AAA", "BBB", "CCC")).toString());
    }

    /** Nonces in the order the stub counted them, and whether each was accepted; no initializer (see settings). */
    private List<String> countedLog;

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void theNextNonceWaitsUntilTheUnansweredRequestCanNoLongerBeCounted() throws Exception {
        Summary summary = runJob();
        // the stalled request is counted after the client gave up on it: three tickers and its retry
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            synchronized (countedLog) {
                return countedLog.size() == 4;
            }
        });
        List<String> order;
        synchronized (countedLog) {
            order = List.copyOf(countedLog);
        }
        assertThat(summary.succeeded()).isEqualTo(3);
        assertThat(order).as("nonces in the order the API counted them").noneMatch(c -> c.endsWith(":REJECTED"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
