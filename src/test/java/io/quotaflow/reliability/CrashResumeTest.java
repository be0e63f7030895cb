package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.simulator.QuoteSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 and SIGTERM in the middle of a job, then a restart with the same output folder. The
 * simulator runs here, in the test JVM, so it counts the requests of both app processes.
 */
class CrashResumeTest {

    static final String KEY = "resume-test-key";
    static final int TICKERS = 100;
    static final ObjectMapper JSON = new ObjectMapper();

    QuoteSimulator sim;
    Path work;
    Path out;
    Path list;
    List<String> tickers = Tickers.generated(TICKERS);

    RunOnceFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RunOnceFixture("CrashResumeTest", KEY, 20, tickers);
        sim = fixture.sim;
        work = fixture.work;
        out = fixture.out;
        list = fixture.list;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    Map<String, String> settings() {
        Map<String, String> s = fixture.settings();
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.request-timeout", "2s");
        s.put("quotaflow.progress-interval", "1s");
        return s;
    }

    @Test
    void killNineThenRestartContinuesWithoutAskingForPricedTickersAgain() throws Exception {
        Map<String, Integer> askedBefore;
        List<CSVRecord> before;
        try (AppProcess first = AppProcess.start(settings(), work.resolve("run1.log"))) {
            awaitRows(first, 30);
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
            assertThat(first.waitFor(10)).isEqualTo(137);
            assertThat(out.resolve("summary.json")).doesNotExist();
            before = Tickers.rows(out);
            askedBefore = askedPerTicker();
        }
        assertThat(before).hasSizeBetween(30, TICKERS - 1);
        int requestsBefore = sim.requestCount();
        int rejectedBefore = sim.rejectedCount();

        try (AppProcess second = AppProcess.start(settings(), work.resolve("run2.log"))) {
            assertThat(second.waitFor(60)).as(second.log()).isZero();
            assertThat(second.log()).contains("Resuming the interrupted run");
            assertThat(second.log()).as("the key in the app's own log").doesNotContain(KEY);
        }

        List<CSVRecord> rows = Tickers.rows(out);
        assertOneRowPerLine(rows);
        // a ticker priced before the kill was never requested again
        for (CSVRecord r : before) {
            if (r.get("outcome").equals("ok")) {
                assertThat(sim.countFor(r.get("ticker"))).as(r.get("ticker")).isEqualTo(askedBefore.get(r.get("ticker")));
            }
        }
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertCompleteAndExact(summary, rows);
        assertThat(summary.get("requests").asLong()).as("requests counts this run's attempts")
                .isEqualTo(sim.requestCount() - requestsBefore);
        // the resumed run waits one window before its first request: the killed process's last requests
        // were still in the server's window
        assertThat(sim.rejectedCount() - rejectedBefore).as("429s from the server's window in the resumed run").isZero();
    }

    @Test
    void sigtermFinishesWhatIsInFlightSavesAnIncompleteRunAndARestartResumesIt() throws Exception {
        List<CSVRecord> before;
        Map<String, Integer> askedBefore;
        try (AppProcess first = AppProcess.start(settings(), work.resolve("run1.log"))) {
            awaitRows(first, 30);
            first.process().destroy(); // SIGTERM: Camel Main's shutdown hook stops gracefully
            long t0 = System.nanoTime();
            first.waitFor(30);
            double stopSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(stopSeconds).as("bounded by the calls in flight (2 s timeout), not the rest of the list")
                    .isLessThan(10);
            assertThat(first.log()).contains("Stopping: no new tickers are started");
            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            assertThat(summary.get("status").asText()).isEqualTo("incomplete");
            assertThat(out.resolve("INCOMPLETE")).as("a stopped job's folder stays marked").exists();
            before = Tickers.rows(out);
            assertThat(summary.get("succeeded").asLong() + summary.get("failed").asLong()).isEqualTo(before.size());
            askedBefore = askedPerTicker();
        }
        assertThat(before).hasSizeBetween(30, TICKERS - 1);
        // every ticker that was sent has its row: in-flight calls finished before the exit
        assertThat(before.stream().map(r -> r.get("ticker")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(askedBefore.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(Map.Entry::getKey).toList());

        try (AppProcess second = AppProcess.start(settings(), work.resolve("run2.log"))) {
            assertThat(second.waitFor(60)).as(second.log()).isZero();
        }
        List<CSVRecord> rows = Tickers.rows(out);
        assertOneRowPerLine(rows);
        assertThat(out.resolve("INCOMPLETE")).doesNotExist();
        for (CSVRecord r : before) {
            assertThat(sim.countFor(r.get("ticker"))).as(r.get("ticker")).isEqualTo(1);
        }
        assertCompleteAndExact(JSON.readTree(out.resolve("summary.json").toFile()), rows);
    }

    @Test
    void sigtermWithHungCallsIsBoundedByTheRequestTimeoutAndTheHungTickersAreResumed() throws Exception {
        int rowsAtStop;
        try (AppProcess first = AppProcess.start(settings(), work.resolve("run1.log"))) {
            awaitRows(first, 20);
            // from now on every call hangs for 30 s; wait until some are in flight, then SIGTERM
            sim.faults().hangRate(1.0).hangTime(Duration.ofSeconds(30));
            int sent = sim.requestCount();
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.requestCount() >= sent + 4);
            first.process().destroy();
            long t0 = System.nanoTime();
            first.waitFor(30);
            double stopSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(stopSeconds).as("hung calls are cut at the 2 s request timeout, not waited out (30 s)")
                    .isLessThan(8);
            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            assertThat(summary.get("status").asText()).isEqualTo("incomplete");
            rowsAtStop = Tickers.rows(out).size();
            assertThat(summary.get("succeeded").asLong() + summary.get("failed").asLong()).isEqualTo(rowsAtStop);
            assertThat(summary.get("failed").asLong()).as("a call cut short by the stop is not a failure").isZero();
        }
        sim.faults().clear();

        try (AppProcess second = AppProcess.start(settings(), work.resolve("run2.log"))) {
            assertThat(second.waitFor(60)).as(second.log()).isZero();
        }
        List<CSVRecord> rows = Tickers.rows(out);
        assertOneRowPerLine(rows);
        assertCompleteAndExact(JSON.readTree(out.resolve("summary.json").toFile()), rows);
        assertThat(rowsAtStop).isLessThan(TICKERS);
    }

    private void awaitRows(AppProcess app, int n) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!app.process().isAlive()) {
                        throw new AssertionError("the app exited early:\n" + app.log());
                    }
                    return Files.exists(out.resolve("results.csv")) && Files.readAllLines(out.resolve("results.csv")).size() > n;
                });
    }

    private Map<String, Integer> askedPerTicker() {
        Map<String, Integer> asked = new HashMap<>();
        tickers.forEach(t -> asked.put(t, sim.countFor(t)));
        return asked;
    }

    private void assertOneRowPerLine(List<CSVRecord> rows) {
        assertThat(rows).hasSize(TICKERS);
        assertThat(rows.stream().map(r -> Long.parseLong(r.get("line"))).collect(Collectors.toSet())).hasSize(TICKERS);
        for (CSVRecord r : rows) {
            assertThat(r.get("ticker")).isEqualTo(tickers.get(Integer.parseInt(r.get("line")) - 1));
        }
    }

    private void assertCompleteAndExact(JsonNode summary, List<CSVRecord> rows) {
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("total").asLong()).isEqualTo(TICKERS);
        assertThat(summary.get("succeeded").asLong()).isEqualTo(TICKERS);
        BigDecimal sum = rows.stream().map(r -> QuoteSimulator.priceOf(r.get("ticker"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(summary.get("averagePrice").decimalValue())
                .isEqualByComparingTo(sum.divide(BigDecimal.valueOf(TICKERS), 6, RoundingMode.HALF_EVEN));
    }
}
