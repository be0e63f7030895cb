package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * quotaflow.rate.enforce=false (the benchmark's naive variant) with a nonce in the URL: requests go without
 * permits, and 16 consumers send within the same millisecond. Each request still carries its own nonce per key;
 * a nonce taken from the clock (millis x 1000) was the same for requests sent in one millisecond.
 */
class NonceWithoutLimiterTest extends QuotaflowTestSupport {

    private static final int TICKERS = 120;

    private final ConcurrentLinkedQueue<Long> nonces = new ConcurrentLinkedQueue<>();
    private StubApi api;

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            String query = exchange.getRequestURI().getQuery();
            nonces.add(Long.parseLong(query.replaceAll(".*nonce=([0-9]+).*", "$1")));
            StubApi.json(exchange, "{\"close\": 12.5}");
        });
        s.put("quotaflow.api.url", api.urlTemplate() + "&nonce={nonce}");
        s.put("quotaflow.api.keys", "only-key");
        s.put("quotaflow.rate.enforce", "false");
        s.put("quotaflow.rate.requests", "1000");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "16");
        List<String> tickers = new ArrayList<>();
        IntStream.range(0, TICKERS).forEach(i -> tickers.add("T" + i));
        s.put("quotaflow.tickers", writeTickers("n.txt", tickers).toString());
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void everyRequestOfAKeyCarriesItsOwnNonce() throws Exception {
        Summary summary = runJob();
        assertThat(summary.succeeded()).isEqualTo(TICKERS);
        assertThat(nonces).hasSize(TICKERS).doesNotHaveDuplicates();
    }
}
