package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * quotaflow.api.key-header with a template: an API that takes the key as {@code Authorization: Bearer KEY}
 * (Polygon) gets it so, each key in its own requests, and the URL then carries none.
 */
class KeyHeaderTest extends QuotaflowTestSupport {

    private StubApi api;
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(auth + " | " + exchange.getRequestURI().getRawQuery());
            if (auth == null || !auth.matches("Bearer header-key-[12]")) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            StubApi.json(exchange, "{\"close\": 10.5}");
        });
        s.put("quotaflow.api.url", api.urlTemplate().replace("&apikey={apiKey}", ""));
        s.put("quotaflow.api.key-header", "Authorization: Bearer {apiKey}");
        s.put("quotaflow.api.keys", "header-key-1,header-key-2");
        s.put("quotaflow.rate.requests", "2");
        s.put("quotaflow.rate.period", "200ms");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("AAA", "BBB", "CCC", "DDD", "EEE", "FFF")).toString());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theKeyIsSentInTheTemplatedHeaderOnly() {
        Summary summary = runJob();
        assertThat(summary.succeeded()).isEqualTo(6);
        assertThat(seen).hasSize(6).allSatisfy(r -> assertThat(r).matches("Bearer header-key-[12] \\| symbol=[A-F]{3}"));
        assertThat(seen).as("both keys used").anyMatch(r -> r.startsWith("Bearer header-key-1"))
                .anyMatch(r -> r.startsWith("Bearer header-key-2"));
    }
}
