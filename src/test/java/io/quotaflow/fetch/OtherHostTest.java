package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step of the user's own that calls another service over HTTP (README, "Editing a route": "an HTTP call") goes
 * through the same camel-http component, and so through {@link WireGuard}: that request must get no API key (the
 * key header went to whatever host the step named) and take no slot of the API's limit.
 */
class OtherHostTest extends QuotaflowTestSupport {

    private static final String KEY = "SeCrEt-otherhost-7f3a";

    private StubApi api;
    private StubApi sink;
    private final Queue<String> apiSaw = new ConcurrentLinkedQueue<>();
    private final Queue<String> sinkSaw = new ConcurrentLinkedQueue<>();

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            apiSaw.add(exchange.getRequestURI().toString());
            StubApi.json(exchange, "{\"close\": 10.5}");
        });
        sink = StubApi.start(exchange -> {
            sinkSaw.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().entrySet());
            StubApi.json(exchange, "{}");
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.key-header", "X-Token: Token {apiKey}");
        s.put("quotaflow.api.keys", KEY);
        s.put("quotaflow.rate.requests", "3");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("AAA", "BBB", "CCC")).toString());
    }

    @AfterEach
    void stop() {
        api.close();
        sink.close();
    }

    @Test
    void anotherHostGetsNoKeyAndTakesNoSlot() {
        String other = sink.urlTemplate().replace("{ticker}", "SINK").replace("{apiKey}", "none");
        try (LogLines logs = new LogLines()) {
            template.requestBody(other, (Object) null, String.class); // before any job
            Summary summary = runJob();
            assertThat(summary.succeeded()).isEqualTo(3);
            assertThat(apiSaw).hasSize(3).allSatisfy(r -> assertThat(r).endsWith("&apikey=" + KEY));
            template.requestBody(other, (Object) null, String.class); // after it, with the job's limiter in place
            assertThat(jobs().limiter().stats()).singleElement()
                    .satisfies(k -> assertThat(k.sentTotal()).as("requests the API's key counted").isEqualTo(3));

            assertThat(sinkSaw).hasSize(2).allSatisfy(r -> assertThat(r).doesNotContain(KEY).doesNotContainIgnoringCase("X-Token"));
            assertThat(logs.text()).doesNotContain("without passing the route's throttle step");
        }
    }
}
