package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong API key: every ticker fails "unauthorized", not retried, and the job still completes (a scripted run
 * exits 0, the contract), so the job says in one line that nothing got a price and which setting to check.
 */
class RefusedKeyTest extends QuotaflowTestSupport {

    private StubApi api;

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "wrong-key-4711");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB", "CCC")).toString());
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void aRefusedKeyFailsEveryTickerOnceAndTheJobSaysWhatToCheck() {
        try (LogLines log = new LogLines()) {
            Summary summary = runJob();

            assertThat(summary.status()).isEqualTo("completed");
            assertThat(summary.failures()).containsExactly(Map.entry("unauthorized", 3L));
            assertThat(summary.requests()).as("not retried").isEqualTo(3);
            assertThat(log.text()).contains("No ticker got a price in this job (3 failed: {unauthorized=3}):"
                    + " the API refused the key(s); check quotaflow.api.keys").doesNotContain("wrong-key-4711");
        }
    }
}
