package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Rate settings edited in the live config file between two jobs give the next job a new limiter, which has
 * not seen the requests the API still counts from the job before: it waits them out instead of bursting
 * into the server's window.
 */
class ChangedRateSettingsTest extends QuotaflowTestSupport {

    private static final int LIMIT = 10;

    private Path live;

    @Override
    protected void settings(Map<String, String> s) {
        live = work.resolve("live.properties");
        write(live, "quotaflow.tickers=" + tickers("first.txt", "A") + "\n");
        s.put("quotaflow.config-file", live.toString());
        s.put("quotaflow.rate.requests", String.valueOf(LIMIT));
        s.put("quotaflow.rate.period", "2s");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void aNewLimiterWaitsForTheLastJobsWindowToPass() {
        Summary first = runJob(); // one full window: 10 requests, answered at once
        assertThat(first.requests()).isEqualTo(LIMIT);

        // a new margin means a new limiter; the next job starts right away with another full window
        write(live, "quotaflow.rate.margin=2ms\nquotaflow.tickers=" + tickers("second.txt", "B") + "\n");
        Summary second = runJob();

        assertThat(second.succeeded()).isEqualTo(LIMIT);
        assertThat(second.rateLimited()).as("429s in the second job").isZero();
        assertThat(simulator().arrivals()).as("no request was rejected at the server").allMatch(a -> a.status() == 200);
    }

    private Path tickers(String name, String prefix) {
        return writeTickers(name, IntStream.range(0, LIMIT).mapToObj(i -> prefix + i).toList());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
