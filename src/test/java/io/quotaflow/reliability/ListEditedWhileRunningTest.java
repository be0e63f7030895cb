package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.QuotaflowTestSupport;
import io.quotaflow.support.StubApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resumed job whose list is edited while it runs fails as a whole (continuing would mix two lists), but
 * the tickers already on the wire still get their rows: Camel's split aggregates nothing after its
 * iterator throws, so the job ends the split instead, and a resumed run asks the API for nothing twice.
 */
class ListEditedWhileRunningTest extends QuotaflowTestSupport {

    private StubApi api;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private Path list;

    @Override
    protected void settings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            asked.computeIfAbsent(StubApi.symbol(exchange), k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(1500); // a slow API: answers are still on the wire when the list changes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StubApi.json(exchange, "{\"close\": 10.5}");
        });
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", "k1");
        s.put("quotaflow.rate.requests", "100");
        s.put("quotaflow.rate.period", "200ms");
        s.put("quotaflow.consumers", "2");
        list = work.resolve("list.txt");
        writeList("ZZZZ");
        s.put("quotaflow.tickers", list.toString());
    }

    /** A1..A8, then comments (so the reader has not buffered the end yet), then line 5000. */
    private void writeList(String line5000) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            lines.add("A" + i);
        }
        while (lines.size() < 4999) {
            lines.add("# padding so that the reader has not buffered the end of the file yet ........");
        }
        lines.add(line5000);
        try {
            Files.write(list, lines);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void theTickersOnTheWireWhenAJobFailsKeepTheirRowsAndAreNotAskedForAgain() throws Exception {
        // an interrupted run that already has line 5000
        Files.createDirectories(outputDir());
        Files.writeString(outputDir().resolve("results.csv"),
                "line,ticker,outcome,price,http_status,attempts,latency_ms,error,reason\r\n"
                + "5000,ZZZZ,ok,1.00,200,1,1,,\r\n");

        Future<Object> job = template.asyncRequestBody("direct:job", (Object) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= 2);
        writeList("EDITED");
        assertThatThrownBy(job::get).hasStackTraceContaining("line 5000 is now 'EDITED'");

        // every ticker the API was asked for has its row, written before the job ended
        List<String> rows = Tickers.rows(outputDir()).stream().map(r -> r.get("ticker")).toList();
        assertThat(rows).containsAll(asked.keySet()).contains("ZZZZ");
        assertThat(asked.size()).as("the job stopped starting tickers").isLessThan(8);

        writeList("ZZZZ"); // the list put back: the next run resumes the folder
        runJob();
        assertThat(asked.keySet()).containsExactlyInAnyOrder("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8");
        assertThat(asked.values()).as("no ticker asked for twice").allMatch(n -> n.get() == 1);
        assertThat(Tickers.rows(outputDir())).extracting(CSVRecord::size).hasSize(9);
    }
}
