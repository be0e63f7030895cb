package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An API that never answers (it closes every connection): no round trip was measured, so the summary says so
 * instead of reporting latencies of 0 ms, which would read as a fast API.
 */
class NothingAnsweredTest extends QuotaflowTestSupport {

    private StubApi api;

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> exchange.close());
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.retries", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA", "BBB")).toString());
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void withNoAnswerThereIsNoLatencyToReport() throws Exception {
        try (LogLines log = new LogLines()) {
            Summary summary = runJob();

            assertThat(summary.failures()).containsExactly(Map.entry("no response", 2L));
            assertThat(summary.requests()).isEqualTo(2);
            assertThat(summary.latencyMs()).isNull();
            JsonNode json = new ObjectMapper().readTree(outputDir().resolve("summary.json").toFile());
            assertThat(json.has("latencyMs")).isTrue();
            assertThat(json.get("latencyMs").isNull()).isTrue();
            assertThat(log.text()).contains("latency   none (no attempt was answered)");
        }
    }
}
