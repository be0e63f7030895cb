package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kill -9 after the first requests left but before the first answer came back leaves a folder with the
 * INCOMPLETE marker and a results.csv holding only its header. The dead process's requests are still in the
 * server's window, so the next run must wait one period before its first request, as it does when the
 * results.csv has rows. Before the fix it did not (no rows: nothing to resume), and its whole first window
 * got 429s (found with kill -9 against an external simulator at 20 per 10 s: 40 of 40 rejected).
 */
class KilledBeforeFirstRowTest extends QuotaflowTestSupport {

    private static final int LIMIT = 10;

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", String.valueOf(LIMIT));
        s.put("quotaflow.rate.period", "3s");
        s.put("quotaflow.consumers", String.valueOf(LIMIT));
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void theNextRunWaitsOutTheDeadProcesssWindowEvenWithoutRows() throws Exception {
        Path list = writeTickers("tickers.txt", Tickers.generated(LIMIT));
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());
        // what the killed process left: the marker, the header, and a full window of requests at the server
        Files.createDirectories(outputDir());
        Files.writeString(outputDir().resolve("INCOMPLETE"), "This job started at ... and has not completed\n");
        Files.writeString(outputDir().resolve("results.csv"),
                "line,ticker,outcome,price,http_status,attempts,latency_ms,error,reason\r\n");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 1; i <= LIMIT; i++) {
            http.send(HttpRequest.newBuilder(URI.create(simulator().baseUrl() + "/quote?symbol=DEAD" + i
                    + "&apikey=demo-key")).build(), HttpResponse.BodyHandlers.discarding());
        }
        assertThat(simulator().rejectedCount()).isZero();

        Summary summary = runJob();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.succeeded()).isEqualTo(LIMIT);
        assertThat(summary.rateLimited()).as("429s from the dead process's window").isZero();
        assertThat(simulator().rejectedCount()).as("429s at the server").isZero();
    }
}
