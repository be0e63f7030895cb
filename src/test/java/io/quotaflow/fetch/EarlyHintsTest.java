package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.SocketApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An API behind a gateway that sends {@code 103 Early Hints} at once and forwards the request to the origin,
 * which counts it (here the first burst 300 ms later). HttpClient reports every response head to WireGuard,
 * 1xx included, and a slot stamped at the 103 would free before the origin counted its request: only a final
 * head (200 and up) stamps. A plain socket server, since the JDK's HttpServer sends no 1xx heads.
 */
class EarlyHintsTest extends QuotaflowTestSupport {

    static final int LIMIT = 3;
    private SocketApi api;
    private final List<Long> counted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger seen = new AtomicInteger();

    @Override
    protected void settings(Map<String, String> s) {
        api = new SocketApi((requestLine, out) -> {
            out.write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (seen.incrementAndGet() <= LIMIT) {
                Thread.sleep(300); // the origin counts the first burst late
            }
            counted.add(System.nanoTime());
            SocketApi.ok(out, "{\"close\": 12.5}");
            return true;
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "hints-test-key");
        s.put("quotaflow.rate.requests", String.valueOf(LIMIT));
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "3");
        s.put("quotaflow.tickers", writeTickers("t.txt",
                IntStream.rangeClosed(1, 9).mapToObj(i -> "H" + i).toList()).toString());
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
    }

    private int maxInAnyWindow(long windowNanos) {
        List<Long> sorted;
        synchronized (counted) {
            sorted = new ArrayList<>(counted);
        }
        Collections.sort(sorted);
        int best = 0;
        int lo = 0;
        for (int hi = 0; hi < sorted.size(); hi++) {
            while (sorted.get(hi) - sorted.get(lo) >= windowNanos) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }

    @Test
    void anInformationalHeadDoesNotStampTheSlot() {
        Summary summary = runJob();
        assertThat(summary.succeeded()).isEqualTo(9);
        assertThat(maxInAnyWindow(1_000_000_000L)).as("requests counted by the origin in one 1 s window (limit "
                + LIMIT + ")").isLessThanOrEqualTo(LIMIT);
    }
}
