package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 200 whose price is a valid JSON number no sum can hold ({@code 1e999999999}) or no row can print
 * ({@code 1e-999999999}: a billion zeros written out) is a bad response for that ticker, and the job goes on.
 * Before, the first failed the whole job and the second wrote a 1 GB results.csv row.
 */
class ImplausiblePriceTest extends QuotaflowTestSupport {

    private static final Map<String, String> BODIES = Map.of(
            "OK", "{\"close\": 12.5}",
            "HUGE", "{\"close\": 1e999999999}",
            "TINY", "{\"close\": 1e-999999999}",
            "TEXT", "{\"close\": \"9e99999\"}",
            "CENT", "{\"close\": 0.0003333333333333333}",
            "CS", "{\"close\": 12.5}");

    private StubApi api;

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            if (StubApi.symbol(exchange).equals("CS")) {
                // a charset HttpClient tolerates and ContentType.parse does not
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset='utf-8'");
            }
            StubApi.json(exchange, BODIES.get(StubApi.symbol(exchange)));
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "price-test-key");
        s.put("quotaflow.rate.requests", "50");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("HUGE", "OK", "TINY", "TEXT", "CENT", "CS")).toString());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anImplausiblePriceFailsItsTickerNotTheJob() throws IOException {
        Summary summary = runJob();
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.succeeded()).as("a float printed in full and an odd charset are fine").isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.failures()).containsExactly(Map.entry("bad response", 3L));
        assertThat(summary.minPrice()).isEqualByComparingTo(new BigDecimal("0.0003333333333333333"));
        assertThat(summary.maxPrice()).isEqualByComparingTo("12.5");
        assertThat(resultRows()).hasSize(6).anySatisfy(row -> assertThat(row).startsWith("1,HUGE,failed,,200,1,")
                .contains("bad response: price 1E+999999999"));
        assertThat(Files.size(outputDir().resolve("results.csv"))).isLessThan(2_000);
    }
}
