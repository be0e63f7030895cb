package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.job.JobRun;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import io.quotaflow.support.StubApi;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "do something with each quote" edit (Example 3), read from README.md, against a small quote API
 * on 127.0.0.1 with known prices: the job's folder gets one JSON line per priced ticker with its price, and the
 * summary is the one the same list gives without the step. Then a user's step that throws for some lines (a
 * full disk, an endpoint that does not answer): the job still completes and every line still has one row,
 * the step's error in it.
 */
class QuoteStepExampleTest extends ServiceTestSupport {

    /** The answers of the stub API; ZZZ is unknown (404). */
    private static final Map<String, String> PRICES = Map.of(
            "AAA", "10.5", "BBB", "20.25", "CCC", "1.5e3", "DDD", "0.000123", "EEE", "7");
    private static final List<String> TICKERS = List.of(
            "AAA", "BBB", "bad&x", "CCC", "ZZZ", "DDD", "aaa", "EEE");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogLines log = new LogLines();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private StubApi api;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            apiRequests.incrementAndGet();
            String price = PRICES.get(StubApi.symbol(exchange));
            if (price == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            } else {
                StubApi.json(exchange, "{\"close\": " + price + "}");
            }
        });
        stubApi(s, api, "quote-step-test-key", TICKERS);
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    @Test
    void theQuoteStepExampleWritesOneJsonLinePerPricedTickerAndLeavesTheSummaryAsItWas() throws IOException {
        Summary before = triggerJob();
        assertThat(before.succeeded()).isEqualTo(5);
        assertThat(quotesOf(jobs().last())).as("no step, no file").isNull();

        apply(ReadmeExamples.withQuoteStep(readRoute("job.yaml"), ""));
        Summary after = triggerJob();

        assertThat(after.status()).isEqualTo("completed");
        assertThat(figures(after)).isEqualTo(figures(before));
        List<CSVRecord> rows = rows(jobs().last());
        assertThat(rows).hasSize(TICKERS.size());
        List<JsonNode> quotes = quotesOf(jobs().last());
        List<CSVRecord> ok = rows.stream().filter(r -> r.get("outcome").equals("ok")).toList();
        assertThat(quotes).hasSize(ok.size());
        for (CSVRecord row : ok) {
            JsonNode quote = quotes.stream().filter(q -> q.get("line").asLong() == Long.parseLong(row.get("line")))
                    .findFirst().orElseThrow(() -> new AssertionError("no JSON line for row " + row));
            assertThat(quote.get("ticker").asText()).isEqualTo(row.get("ticker"));
            assertThat(quote.get("price").decimalValue())
                    .isEqualByComparingTo(new BigDecimal(PRICES.get(row.get("ticker"))))
                    .isEqualByComparingTo(row.get("price"));
        }
    }

    @Test
    void anHttpStepAfterTheFetchCallsTheHostItNamesNotTheApiAgain() throws IOException {
        // camel-http takes the CamelHttpUri header over the URI a step names, and the fetch left the API's there:
        // a user's "send each quote to my service" step called the quote API a second time per line instead
        ConcurrentLinkedQueue<String> sinkSaw = new ConcurrentLinkedQueue<>();
        try (StubApi sink = StubApi.start(exchange -> {
            sinkSaw.add(StubApi.symbol(exchange));
            StubApi.json(exchange, "{}");
        })) {
            String sinkUrl = sink.urlTemplate().replace("{ticker}", "SINK").replace("{apiKey}", "none");
            String step = """
                              - marshal:
                                  json: {}
                              - to: "%s"
                    """.formatted(sinkUrl).indent(16); // at the example's depth in job.yaml
            apply(ReadmeExamples.withStepAfterFetch(readRoute("job.yaml"), step));
            Summary summary = triggerJob();

            assertThat(summary.status()).isEqualTo("completed");
            assertThat(summary.total()).isEqualTo(6);
            assertThat(apiRequests).as("one request per valid distinct ticker").hasValue(6);
            assertThat(sinkSaw).as("the step ran once per fetched line, at the host it names").hasSize(6)
                    .containsOnly("SINK");
            assertThat(summary.succeeded()).isEqualTo(5);
            assertThat(summary.failures()).isEqualTo(Map.of("unknown symbol", 1L));
        }
    }

    @Test
    void aStepThatThrowsForALineStillReportsThatLineOnceAndTheJobCompletes() throws IOException {
        // the user's own steps, before the example's: a disk that is full for BBB, an HTTP sink whose connections
        // are all busy for CCC (HttpClient's lease timeout is an InterruptedIOException, as a stop's interruption
        // is), and a step that fails for ZZZ, whose fetch had already failed
        String failing = """
                          - filter:
                              simple: "${body.ticker} == 'BBB' || ${body.ticker} == 'ZZZ'"
                              steps:
                                - throwException:
                                    exceptionType: java.io.IOException
                                    message: No space left on device
                          - filter:
                              simple: "${body.ticker} == 'CCC'"
                              steps:
                                - throwException:
                                    exceptionType: org.apache.hc.core5.http.ConnectionRequestTimeoutException
                                    message: "Timeout deadline: 3000 MILLISECONDS, actual: 3001 MILLISECONDS"
                """.indent(16); // at the example's depth in job.yaml
        apply(ReadmeExamples.withQuoteStep(readRoute("job.yaml"), failing));
        Summary summary = triggerJob();

        assertThat(summary.status()).as("a failed step is a line's outcome, not a stop").isEqualTo("completed");
        assertThat(summary.total()).isEqualTo(6);
        assertThat(summary.succeeded()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.invalid()).isEqualTo(1);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.failures()).isEqualTo(Map.of("route step failed", 2L, "unknown symbol", 1L));
        assertThat(summary.averagePrice()).isEqualByComparingTo(
                new BigDecimal("10.5").add(new BigDecimal("0.000123")).add(new BigDecimal("7"))
                        .divide(new BigDecimal(3), 6, java.math.RoundingMode.HALF_EVEN));

        List<CSVRecord> rows = rows(jobs().last());
        assertThat(rows).extracting(r -> r.get("line")).doesNotHaveDuplicates().hasSize(TICKERS.size());
        CSVRecord bbb = row(rows, "BBB");
        assertThat(bbb.get("outcome")).isEqualTo("failed");
        assertThat(bbb.get("reason")).isEqualTo("route step failed");
        assertThat(bbb.get("error")).isEqualTo("route step failed: IOException: No space left on device");
        assertThat(bbb.get("price")).as("the price that was fetched is kept").isEqualTo("20.25");
        assertThat(bbb.get("http_status")).isEqualTo("200");
        CSVRecord ccc = row(rows, "CCC");
        assertThat(ccc.get("reason")).isEqualTo("route step failed");
        assertThat(ccc.get("error")).isEqualTo("route step failed: ConnectionRequestTimeoutException:"
                + " Timeout deadline: 3000 MILLISECONDS, actual: 3001 MILLISECONDS");
        assertThat(ccc.get("price")).isEqualTo("1500");
        CSVRecord zzz = row(rows, "ZZZ");
        assertThat(zzz.get("reason")).as("the fetch's own failure stays the reason").isEqualTo("unknown symbol");
        assertThat(zzz.get("error")).isEqualTo("unknown symbol (HTTP 404); then the route step failed: IOException: No space left on device");

        assertThat(quotesOf(jobs().last())).extracting(q -> q.get("ticker").asText())
                .as("one JSON line per ok row").containsExactlyInAnyOrder("AAA", "DDD", "EEE");
        assertThat(log.text().lines().filter(l -> l.startsWith("WARN ResultAggregation") && l.contains("route step failed")))
                .as("one WARN per line whose step failed").hasSize(3);
    }

    private void apply(String jobYaml) {
        long applied = log.count("job.yaml applied");
        writeRoute("job.yaml", jobYaml);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml applied") == applied + 1);
    }

    /** What the example promises to leave alone: every figure of the summary but the times. */
    private static List<Object> figures(Summary s) {
        return java.util.Arrays.asList(s.status(), s.total(), s.succeeded(), s.failed(), s.invalid(), s.duplicates(),
                s.averagePrice(), s.minPrice(), s.maxPrice(), new TreeMap<>(s.failures()), s.requests());
    }

    private static List<CSVRecord> rows(JobRun job) throws IOException {
        try (Reader in = Files.newBufferedReader(job.dir().resolve(JobRun.RESULTS))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static CSVRecord row(List<CSVRecord> rows, String ticker) {
        return rows.stream().filter(r -> r.get("ticker").equals(ticker) && !r.get("outcome").equals("duplicate"))
                .findFirst().orElseThrow();
    }

    /** The JSON lines of quotes.jsonl in the job's folder, or null when there is no such file. */
    private static List<JsonNode> quotesOf(JobRun job) throws IOException {
        Path file = job.dir().resolve("quotes.jsonl");
        if (!Files.exists(file)) {
            return null;
        }
        List<JsonNode> quotes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            quotes.add(JSON.readTree(line));
        }
        return quotes;
    }
}
