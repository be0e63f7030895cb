package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resume without a second JVM: a results.csv cut short as a crash leaves it is continued, only the
 * missing lines are requested, and an edited list is refused rather than mixed with the old rows.
 */
class ResumeInProcessTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0.1");
    }

    @Test
    void continuesACutShortRunAndRefusesAnEditedList() throws Exception {
        List<String> tickers = Tickers.generated(30);
        Path list = writeTickers("resume.txt", tickers);
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers", list.toString());
        Summary first = runJob();
        assertThat(first.total()).isEqualTo(30);

        // as if the process died after 20 rows: no summary, the last 10 rows gone, the 20th half written
        Path csv = outputDir().resolve("results.csv");
        List<String> lines = Files.readAllLines(csv);
        String kept = String.join("\n", lines.subList(0, 20)) + "\n" + lines.get(20).substring(0, 5);
        Files.writeString(csv, kept);
        Files.delete(outputDir().resolve("summary.json"));
        int requestsBefore = simulator().requestCount();

        Summary resumed = runJob();

        assertThat(resumed.status()).isEqualTo("completed");
        assertThat(resumed.succeeded() + resumed.failed()).isEqualTo(30);
        assertThat(resumed.failed()).as("unknown symbols of both runs counted").isEqualTo(first.failed());
        assertThat(resumed.failures()).isEqualTo(first.failures());
        assertThat(resumed.averagePrice()).isEqualByComparingTo(first.averagePrice());
        assertThat(resumed.requests()).as("only the 11 lines without a whole row").isEqualTo(11);
        assertThat(simulator().requestCount() - requestsBefore).isEqualTo(11);
        assertThat(resultRows()).hasSize(30);
        List<String> ok = new ArrayList<>();
        Tickers.rows(outputDir()).forEach(r -> {
            assertThat(simulator().countFor(r.get("ticker"))).isBetween(1, 2);
            if (r.get("outcome").equals("ok")) {
                ok.add(r.get("ticker"));
            }
        });
        BigDecimal sum = ok.stream().map(QuoteSimulator::priceOf).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(resumed.averagePrice()).isEqualByComparingTo(sum.divide(BigDecimal.valueOf(ok.size()), 6, RoundingMode.HALF_EVEN));

        // a completed folder starts over ...
        Summary again = runJob();
        assertThat(again.requests()).isEqualTo(30);
        // ... an interrupted one whose list was edited is refused, naming the line
        Files.delete(outputDir().resolve("summary.json"));
        tickers.set(0, "EDITED");
        Files.write(list, tickers);
        assertThatThrownBy(this::runJob).hasStackTraceContaining("line 1 is now 'EDITED'")
                .hasStackTraceContaining("quotaflow.resume=false");
    }
}
