package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.Arrival;
import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.simulator.SimulatorSettings;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With {nonce} in the URL, each key's nonces reach the server strictly increasing (seed 003). */
class NonceTest extends QuotaflowTestSupport {

    private QuoteSimulator server;

    @Override
    protected void settings(Map<String, String> s) {
        server = new QuoteSimulator(SimulatorSettings.builder()
                .requests(20).period(Duration.ofSeconds(1)).apiKeys(Set.of("k-one", "k-two"))
                .nonceRequired(true).unknownRate(0).latency(Duration.ofMillis(5), Duration.ofMillis(30)).build()).start();
        s.put("quotaflow.api.url", server.baseUrl() + "/quote?symbol={ticker}&apikey={apiKey}" + "&nonce={nonce}");
        s.put("quotaflow.api.keys", "k-one,k-two");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", "classpath:tickers/demo-500.txt");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void noNonceErrorsAndNoRejections() {
        Summary summary = runJob();

        assertThat(server.nonceErrors()).isZero();
        assertThat(server.rejectedCount()).isZero();
        assertThat(server.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(20);
        assertThat(summary.succeeded()).isEqualTo(500);
        assertThat(summary.requests()).isEqualTo(500);
    }

    @Test
    void after429TheKeySendsNothingUntilRetryAfterHasPassed() {
        // the provider throttles on its own: three 429s with Retry-After whatever the window says. One request
        // per key is in flight in nonce mode, so the key's next arrival after a 429 must wait the whole hold.
        server.faults().rateLimitBurst(3);
        Summary summary = runJob();

        assertThat(server.burstRejectedCount()).isEqualTo(3);
        long hold = Duration.ofSeconds(server.settings().retryAfterSeconds()).toNanos();
        Map<String, List<Arrival>> byKey = server.arrivals().stream()
                .collect(Collectors.groupingBy(Arrival::keyLabel, Collectors.toCollection(ArrayList::new)));
        int checked = 0;
        for (List<Arrival> arrivals : byKey.values()) {
            arrivals.sort(Comparator.comparingLong(Arrival::nanos));
            for (int i = 0; i + 1 < arrivals.size(); i++) {
                if (arrivals.get(i).status() == 429) {
                    checked++;
                    assertThat(arrivals.get(i + 1).nanos() - arrivals.get(i).nanos())
                            .as("next request of %s after its 429 (ns)", arrivals.get(i).keyLabel())
                            .isGreaterThanOrEqualTo(hold);
                }
            }
        }
        assertThat(checked).isEqualTo(3);
        assertThat(server.nonceErrors()).isZero();
        assertThat(summary.succeeded()).isEqualTo(500);
        assertThat(summary.rateLimited()).isEqualTo(3);
    }
}
