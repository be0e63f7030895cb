package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.simulator.SimulatorSettings;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
}
