package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * quotaflow.request-timeout bounds the whole call: an API that sends its headers at once and then its body a
 * byte at a time never lets a single socket read wait a second, so HttpClient's own timeouts never fire (a
 * call took 13.6 s with request-timeout=1s). Now the call ends as a timeout when the time is up.
 */
class TrickledAnswerTest extends QuotaflowTestSupport {

    private StubApi api;
    /** Released when the test ends, so no trickle outlives it. */
    private final CountDownLatch done = new CountDownLatch(1);

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            boolean slow = StubApi.symbol(exchange).equals("SLOW");
            byte[] body = "{\"close\": 12.5}                                        ".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    if (slow && done.await(200, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client closed the connection: what the test expects for SLOW
            }
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "trickle-test-key");
        s.put("quotaflow.rate.requests", "50");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.request-timeout", "1s");
        s.put("quotaflow.retries", "0");
        // more tickers than connections: each connection must go back to the pool after its answer was read
        s.put("quotaflow.consumers", "2");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("SLOW", "FAST", "FASTB", "FASTC", "FASTD", "FASTE",
                "FASTF")).toString());
    }

    @AfterEach
    void stop() {
        done.countDown();
        api.close();
    }

    @Test
    void aBodyTrickledPastTheTimeoutIsATimeout() {
        Summary summary = runJob();
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.succeeded()).as("a whole answer in time is still read").isEqualTo(6);
        assertThat(summary.failures()).containsExactly(Map.entry("timeout", 1L));
        // the body takes 56 x 200 ms = 11 s to trickle; the call ends at the 1 s timeout
        assertThat(summary.elapsedSeconds()).isLessThan(3.0);
        assertThat(resultRows()).anySatisfy(row -> assertThat(row).startsWith("1,SLOW,failed,,,1,")
                .contains("timeout"));
    }
}
