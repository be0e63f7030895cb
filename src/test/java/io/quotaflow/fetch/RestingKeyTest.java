package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.Arrival;
import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.simulator.SimulatorSettings;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nonce mode: the throttle step reserves up to a window's worth of slots on a key, and those requests wait at
 * the wire behind the key's request in flight. When that one gets a 429 with a long Retry-After, the requests
 * behind it go on the other key's slots instead of waiting out the whole rest (they held a consumer and a
 * connection each for 30 s here, while the other key was free).
 */
class RestingKeyTest extends QuotaflowTestSupport {

    private QuoteSimulator server;

    @Override
    protected void settings(Map<String, String> s) {
        server = new QuoteSimulator(SimulatorSettings.builder()
                .requests(5).period(Duration.ofSeconds(1)).apiKeys(Set.of("k-one", "k-two"))
                .nonceRequired(true).unknownRate(0).retryAfterSeconds(30)
                .latency(Duration.ofMillis(20), Duration.ofMillis(30)).build()).start();
        s.put("quotaflow.api.url", server.baseUrl() + "/quote?symbol={ticker}&apikey={apiKey}&nonce={nonce}");
        s.put("quotaflow.api.keys", "k-one,k-two");
        s.put("quotaflow.rate.requests", "5");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.retry.backoff-max", "2s");
        s.put("quotaflow.tickers", writeTickers("n.txt",
                IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("N%03d", i)).toList()).toString());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void requestsBehindA429GoOnAnotherKeyInsteadOfWaitingOutItsRest() {
        server.faults().rateLimitBurst(1);

        Summary summary = runJob();

        assertThat(summary.succeeded()).isEqualTo(20);
        assertThat(summary.rateLimited()).isEqualTo(1);
        List<Arrival> arrivals = server.arrivals();
        Arrival refused = arrivals.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
        assertThat(arrivals.stream().filter(a -> a.keyLabel().equals(refused.keyLabel()) && a.nanos() > refused.nanos()))
                .as("the refused key rests its 30 s Retry-After; every later request went on the other key").isEmpty();
        assertThat(arrivals).as("no nonce was out of order").allMatch(a -> a.status() == 200 || a == refused);
        assertThat(server.maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
    }
}
