package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.SocketApi;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An API that closes the connection without a response (most often a kept-alive connection the server closed as
 * idle just as the client reused it; HttpClient: "The target server failed to respond"). The server reads nothing
 * more from a connection it closed, so it counted the request, if at all, before the client saw the close: the
 * slot is stamped then. Before, it was held as if the request could still be counted a request-timeout later (as
 * for a timeout), so the retry waited 10 s more than the limit asks, and in nonce mode the key's next requests did.
 * The limit itself still holds at the server: the retry comes a period after the closed request arrived.
 */
class ClosedWithoutAnswerTest extends QuotaflowTestSupport {

    private static final Duration PERIOD = Duration.ofSeconds(2);
    private SocketApi api;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closedOne = new AtomicBoolean();

    @Override
    protected void settings(Map<String, String> s) {
        api = new SocketApi((requestLine, out) -> {
            arrivals.add(System.nanoTime());
            if (closedOne.compareAndSet(false, true)) {
                return false; // read, then closed without a word
            }
            SocketApi.ok(out, "{\"close\": 12.5}");
            return true;
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "closed-test-key");
        s.put("quotaflow.rate.requests", "1");
        s.put("quotaflow.rate.period", PERIOD.toMillis() + "ms");
        s.put("quotaflow.request-timeout", "10s");
        s.put("quotaflow.retry.backoff", "100ms");
        s.put("quotaflow.consumers", "1");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("AAPL")).toString());
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
    }

    @Test
    void theRetryWaitsOnePeriodFromTheCloseNotARequestTimeout() {
        Summary summary = runJob();
        assertThat(summary.succeeded()).isEqualTo(1);
        assertThat(summary.requests()).isEqualTo(2);
        assertThat(arrivals).hasSize(2);
        Duration gap = Duration.ofNanos(arrivals.get(1) - arrivals.get(0));
        assertThat(gap).as("the limit at the server: 1 request per %s", PERIOD).isGreaterThanOrEqualTo(PERIOD);
        assertThat(gap).as("not held for the 10 s request-timeout").isLessThan(Duration.ofSeconds(5));
    }
}
