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
 * A job whose list is edited while it runs fails as a whole (continuing would mix two lists), but
 * the tickers already on the wire still get their rows: Camel's split aggregates nothing after its
 * iterator throws, so the job ends the split instead, and a resumed run asks the API for nothing twice.
 * The edit is seen as the file changing under the open reader (a resumed job also compares each line it reads
 * with its row, for an edit between its start-up check and the opening). A list replaced by a rename is no
 * edit: the job reads the file it opened.
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
        writeList(list, 5000, line5000);
    }

    /** A1..A8, then comments up to line {@code last}, which holds {@code lastLine}; written in place. */
    private static void writeList(Path file, int last, String lastLine) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            lines.add("A" + i);
        }
        while (lines.size() < last - 1) {
            lines.add("# padding so that the reader has not buffered the end of the file yet ........");
        }
        lines.add(lastLine);
        try {
            Files.write(file, lines);
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
        assertThatThrownBy(job::get).hasStackTraceContaining("changed while the job read it");

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

    @Test
    void aFreshJobWhoseListIsRewrittenInPlaceFailsInsteadOfReadingTheNewTailAsTheOldList() throws Exception {
        // same size, other ticker: only the modification time says so
        Future<Object> job = template.asyncRequestBody("direct:job", (Object) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= 2);
        writeList("YYYY");
        assertThatThrownBy(job::get).hasStackTraceContaining("changed while the job read it");

        List<String> rows = Tickers.rows(outputDir()).stream().map(r -> r.get("ticker")).toList();
        assertThat(rows).containsAll(asked.keySet()).doesNotContain("YYYY", "ZZZZ");
        assertThat(asked.keySet()).doesNotContain("YYYY", "ZZZZ");

        // the next run resumes the folder with the list as it is now: one list, each ticker asked once
        runJob();
        assertThat(asked.keySet()).containsExactlyInAnyOrder("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "YYYY");
        assertThat(asked.values()).as("no ticker asked for twice").allMatch(n -> n.get() == 1);
        assertThat(Tickers.rows(outputDir())).hasSize(9);
    }

    @Test
    void aFreshJobWhoseListIsCutShortWhileReadFailsInsteadOfCompleting() throws Exception {
        Future<Object> job = template.asyncRequestBody("direct:job", (Object) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= 2);
        writeList(list, 100, "# the rest was deleted");
        // reading on from the old position finds the end of the file: the job "completed" without line 5000
        assertThatThrownBy(job::get).hasStackTraceContaining("changed while the job read it");
        assertThat(asked.keySet()).doesNotContain("ZZZZ");
    }

    @Test
    void aListReplacedByARenameIsReadAsItWasWhenTheJobOpenedIt() throws Exception {
        Future<Object> job = template.asyncRequestBody("direct:job", (Object) null);
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= 2);
        Path next = work.resolve("next.txt");
        writeList(next, 5000, "YYYY");
        Files.move(next, list, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        job.get();
        assertThat(asked.keySet()).contains("ZZZZ").doesNotContain("YYYY").hasSize(9);
        assertThat(Tickers.rows(outputDir())).hasSize(9);
    }
}
