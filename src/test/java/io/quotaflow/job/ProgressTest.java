package io.quotaflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** While a job runs, the progress line says done/total, the current rate, an ETA and the 429s so far. */
class ProgressTest extends QuotaflowTestSupport {

    private static final Pattern LINE = Pattern.compile(
            "Progress: (\\d+)/(\\d+) lines done, ([\\d.]+) req/s \\(quota ([\\d.]+)/s\\), ETA (\\d+) s, (\\d+) rate limited so far");

    @Override
    protected void settings(Map<String, String> s) {
        List<String> tickers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tickers.add("P" + i);
        }
        tickers.add("# a comment is not a ticker line");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", tickers).toString());
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
    }

    @Test
    void progressReportsDoneOfTotalRateAndEta() throws Exception {
        assertThat(jobs().progress(context)).as("no job, no progress line").isNull();
        CompletableFuture<Summary> job = template.asyncRequestBody("direct:job", null, Summary.class);

        List<String> lines = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(700)).until(() -> {
            String line = jobs().progress(context);
            if (line != null) {
                lines.add(line);
            }
            return line != null && Long.parseLong(parse(line).group(1)) > 0 && Double.parseDouble(parse(line).group(3)) > 0;
        });
        String line = lines.get(lines.size() - 1);
        Matcher m = parse(line);
        assertThat(Long.parseLong(m.group(2))).as("total counts the ticker lines, not the comment").isEqualTo(60);
        assertThat(Long.parseLong(m.group(1))).isBetween(1L, 60L);
        assertThat(Double.parseDouble(m.group(4))).as("quota of one key at 20 per 1 s").isEqualTo(20.0);
        assertThat(Long.parseLong(m.group(5))).as("ETA of the remaining lines at the quota").isLessThanOrEqualTo(3);
        assertThat(m.group(6)).isEqualTo("0");
        // the rate is the API's view (the last period), so the burst a window starts with is not read as a
        // multiple of the quota (it was 28.6 req/s at a quota of 20 over the first 0.7 s)
        for (String each : lines) {
            assertThat(Double.parseDouble(parse(each).group(3))).as(each).isLessThanOrEqualTo(20.0);
        }

        assertThat(job.get(30, TimeUnit.SECONDS).total()).isEqualTo(60);
        assertThat(jobs().progress(context)).as("the job is over").isNull();
    }

    @Test
    void aStoppedFetchRouteHoldsTheJobAndTheProgressLineSaysSo() throws Exception {
        context.getRouteController().stopRoute("fetch-quote");
        CompletableFuture<Summary> job = template.asyncRequestBody("direct:job", null, Summary.class);

        await().atMost(Duration.ofSeconds(20)).until(() -> jobs().progress(context) != null
                && jobs().progress(context).endsWith("; stopped route(s): fetch-quote (the job waits while a route it runs through is stopped)"));
        assertThat(parse(jobs().progress(context).split(";")[0]).group(1)).as("nothing fetched while it is stopped").isEqualTo("0");

        context.getRouteController().startRoute("fetch-quote");
        Summary summary = job.get(30, TimeUnit.SECONDS);
        assertThat(summary.total()).isEqualTo(60);
        assertThat(summary.succeeded() + summary.failed()).isEqualTo(60);
    }

    @Test
    void theEtaCountsTheRequestsALineHasTakenSoFar() {
        // half the lines so far were invalid or duplicates (no request): the 100 left need about 50
        assertThat(JobRun.eta(100, 40, 20, 10.0)).isEqualTo(5.0);
        // retries: every line so far took two requests
        assertThat(JobRun.eta(100, 40, 80, 10.0)).isEqualTo(20.0);
        // nothing sent yet: a request a line
        assertThat(JobRun.eta(100, 0, 0, 10.0)).isEqualTo(10.0);
        assertThat(JobRun.eta(-3, 40, 40, 10.0)).isZero();
    }

    private static Matcher parse(String line) {
        Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as("progress line format: %s", line).isTrue();
        return m;
    }
}
