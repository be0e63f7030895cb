package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.job.JobRun;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import io.quotaflow.support.StubApi;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step of the user's in job.yaml's split but outside the filter on ${body.valid} (README, "Editing a route"):
 * before the filter or after it, one that replaces the body (setBody, marshal) or throws. Whatever it does, the job
 * completes and each of the five lines - valid and priced, valid and unknown, invalid, duplicate, skipped by the
 * README's Example 2 - ends in exactly one row. Before the fix, a body replaced on any line that had not been fetched
 * failed the whole job ("a split exchange carries neither a result nor its ticker"), a throw before the filter read
 * "internal error", and a throw on an invalid or duplicate line was dropped without a word.
 */
class SplitStepTest extends ServiceTestSupport {

    private static final String INVALID = "invalid: not a valid symbol: contains '&'; expected [A-Z0-9][A-Z0-9.\\-]{0,14}";
    private static final String DUPLICATE = "duplicate of an earlier line";
    private static final String SKIPPED = "invalid: skipped by a route filter";

    private static final String SET_BODY = """
            # a step of the user's at split level
            - setBody:
                constant: replaced
            """;
    private static final String THROW = """
            - throwException:
                exceptionType: java.io.IOException
                message: No space left on device
            """;
    private static final String MARSHAL = """
            - marshal:
                json: {}
            """;

    private final LogLines log = new LogLines();
    private StubApi api;

    @Override
    protected void serviceSettings(Map<String, String> s) {
        api = StubApi.start(exchange -> {
            if (StubApi.symbol(exchange).equals("AAA")) {
                StubApi.json(exchange, "{\"close\": 10.5}");
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        stubApi(s, api, "split-step-test-key", List.of("AAA", "ZZZ", "bad&x", "aaa", "ZZ.TEST"));
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    @Test
    void aStepBeforeTheFilterThatReplacesTheBodyFailsTheValidLinesAndKeepsTheOthers() throws IOException {
        Map<Long, CSVRecord> rows = runWith(before(SET_BODY));
        for (long line : new long[] {1, 2, 5}) {
            assertThat(rows.get(line).get("outcome")).isEqualTo("failed");
            assertThat(rows.get(line).get("reason")).isEqualTo("route step failed");
            assertThat(rows.get(line).get("error")).as("the filter could not read the replaced body")
                    .startsWith("route step failed before the fetch (its body replaced by a String): ").contains("valid");
            assertThat(rows.get(line).get("attempts")).isEqualTo("0");
        }
        assertThat(rows.get(3L).get("outcome")).isEqualTo("invalid");
        assertThat(rows.get(3L).get("error")).startsWith(INVALID + "; then the route step failed: ");
        assertThat(rows.get(4L).get("outcome")).isEqualTo("duplicate");
        assertThat(rows.get(4L).get("error")).startsWith(DUPLICATE + "; then the route step failed: ");
        assertThat(jobs().last().summary().requests()).as("nothing was sent").isZero();
        assertSummary(0, Map.of("route step failed", 3L), 1);
    }

    @Test
    void aStepBeforeTheFilterThatThrowsFailsTheValidLinesAndTellsTheOthers() throws IOException {
        Map<Long, CSVRecord> rows = runWith(before(THROW));
        assertThat(table(rows)).containsExactly(
                "1 AAA failed route step failed | route step failed before the fetch: IOException: No space left on device",
                "2 ZZZ failed route step failed | route step failed before the fetch: IOException: No space left on device",
                "3 bad&x invalid invalid | " + INVALID + "; then the route step failed: IOException: No space left on device",
                "4 AAA duplicate duplicate | " + DUPLICATE + "; then the route step failed: IOException: No space left on device",
                "5 ZZ.TEST failed route step failed | route step failed before the fetch: IOException: No space left on device");
        assertSummary(0, Map.of("route step failed", 3L), 1);
        assertThat(log.text().lines().filter(l -> l.startsWith("WARN ResultAggregation") && l.contains("No space left")))
                .as("one WARN a line").hasSize(5);
    }

    @Test
    void aStepAfterTheFilterThatReplacesTheBodyChangesNoOutcome() throws IOException {
        for (String step : List.of(SET_BODY, MARSHAL)) {
            Map<Long, CSVRecord> rows = runWith(after(step));
            assertThat(table(rows)).as(step).containsExactly(
                    "1 AAA ok  | ",
                    "2 ZZZ failed unknown symbol | unknown symbol (HTTP 404)",
                    "3 bad&x invalid invalid | " + INVALID,
                    "4 AAA duplicate duplicate | " + DUPLICATE,
                    "5 ZZ.TEST failed unknown symbol | unknown symbol (HTTP 404)");
            assertThat(rows.get(1L).get("price")).isEqualTo("10.5");
            assertSummary(1, Map.of("unknown symbol", 2L), 1);
        }
    }

    @Test
    void aStepAfterTheFilterThatThrowsIsToldOnEveryLine() throws IOException {
        Map<Long, CSVRecord> rows = runWith(after(MARSHAL + THROW));
        assertThat(table(rows)).containsExactly(
                "1 AAA failed route step failed | route step failed: IOException: No space left on device",
                "2 ZZZ failed unknown symbol | unknown symbol (HTTP 404); then the route step failed: IOException: No space left on device",
                "3 bad&x invalid invalid | " + INVALID + "; then the route step failed: IOException: No space left on device",
                "4 AAA duplicate duplicate | " + DUPLICATE + "; then the route step failed: IOException: No space left on device",
                "5 ZZ.TEST failed unknown symbol | unknown symbol (HTTP 404); then the route step failed: IOException: No space left on device");
        assertThat(rows.get(1L).get("price")).as("the fetched price is kept").isEqualTo("10.5");
        assertSummary(0, Map.of("route step failed", 1L, "unknown symbol", 2L), 1);
    }

    @Test
    void aLineSkippedByExample2StaysSkippedWhenALaterStepReplacesTheBody() throws IOException {
        Map<Long, CSVRecord> rows = runWith(ReadmeExamples.withSkip(readRoute("job.yaml"))
                .replace(ReadmeExamples.FETCHED_ANCHOR, ReadmeExamples.FETCHED_ANCHOR + MARSHAL.indent(20)));
        assertThat(table(rows)).containsExactly(
                "1 AAA ok  | ",
                "2 ZZZ failed unknown symbol | unknown symbol (HTTP 404)",
                "3 bad&x invalid invalid | " + INVALID,
                "4 AAA duplicate duplicate | " + DUPLICATE,
                "5 ZZ.TEST invalid invalid | " + SKIPPED);
        assertSummary(1, Map.of("unknown symbol", 1L), 2);
    }

    /** job.yaml with the step at split level right before the filter on ${body.valid}. */
    private String before(String step) {
        return readRoute("job.yaml").replace(ReadmeExamples.JOB_ANCHOR, step.indent(20) + ReadmeExamples.JOB_ANCHOR);
    }

    /** job.yaml with the step at split level right after that filter (after its seda:fetch step). */
    private String after(String step) {
        return readRoute("job.yaml").replace(ReadmeExamples.FETCHED_ANCHOR, ReadmeExamples.FETCHED_ANCHOR + step.indent(20));
    }

    /** Applies the edited job.yaml, runs one job; its rows by line, exactly one per line of the list. */
    private Map<Long, CSVRecord> runWith(String jobYaml) throws IOException {
        assertThat(jobYaml).isNotEqualTo(readRoute("job.yaml"));
        long applied = log.count("job.yaml applied");
        writeRoute("job.yaml", jobYaml);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml applied") == applied + 1);
        Summary summary = triggerJob();
        assertThat(summary.status()).as("a user's step never fails the job").isEqualTo("completed");
        JobRun job = jobs().last();
        try (Reader in = Files.newBufferedReader(job.dir().resolve(JobRun.RESULTS))) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .getRecords();
            Map<Long, CSVRecord> rows = new TreeMap<>();
            for (CSVRecord r : records) {
                assertThat(rows.put(Long.parseLong(r.get("line")), r)).as("one row per line").isNull();
            }
            assertThat(rows.keySet()).containsExactly(1L, 2L, 3L, 4L, 5L);
            return rows;
        }
    }

    private static List<String> table(Map<Long, CSVRecord> rows) {
        return rows.values().stream().map(r -> r.get("line") + " " + r.get("ticker") + " " + r.get("outcome") + " "
                + r.get("reason") + " | " + r.get("error")).toList();
    }

    /** The last job's summary: every line counted once (3 valid and distinct unless skipped, 1 duplicate). */
    private void assertSummary(long succeeded, Map<String, Long> failures, long invalid) {
        Summary s = jobs().last().summary();
        assertThat(s.succeeded()).isEqualTo(succeeded);
        assertThat(s.failures()).isEqualTo(failures);
        assertThat(s.failed()).isEqualTo(failures.values().stream().mapToLong(Long::longValue).sum());
        assertThat(s.total()).isEqualTo(s.succeeded() + s.failed());
        assertThat(s.invalid()).isEqualTo(invalid);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.total() + s.invalid() + s.duplicates()).isEqualTo(5);
    }
}
