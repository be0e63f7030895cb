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
 * Some APIs answer a wrong key with 200 and no quote (FMP's {@code []}, Alpha Vantage's empty object), which
 * the recipes' quotaflow.api.unknown-when reads as "unknown symbol": a job in which every ticker came back
 * unknown says what to check, as a refused key does (RefusedKeyTest).
 */
class AllUnknownTest extends QuotaflowTestSupport {

    private StubApi api;

    @Override
    protected void settings(Map<String, String> s) {
        // FMP's shape: an array, empty for a symbol it does not know (or, here, for a key it does not take)
        api = StubApi.start(exchange -> StubApi.json(exchange, "[]"));
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "typo-key-0815");
        s.put("quotaflow.api.price-pointer", "/0/price");
        s.put("quotaflow.api.unknown-when", "!/0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB", "CCC")).toString());
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void aJobWhoseTickersAreAllUnknownSaysWhatToCheck() {
        try (LogLines log = new LogLines()) {
            Summary summary = runJob();

            assertThat(summary.status()).isEqualTo("completed");
            assertThat(summary.failures()).containsExactly(Map.entry("unknown symbol", 3L));
            assertThat(summary.requests()).as("final, not retried").isEqualTo(3);
            assertThat(log.text()).contains("No ticker got a price in this job (3 failed: {unknown symbol=3}):"
                    + " every ticker was unknown to the API; check the list, then quotaflow.api.keys")
                    .doesNotContain("typo-key-0815");
        }
    }
}
