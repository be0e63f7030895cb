package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad lines are reported with their line number and reason, and never reach the API. */
class InvalidLinesTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of(
                "\uFEFF# my list",     // 1 comment, after the byte order mark a Windows editor writes
                "  aapl  ",            // 2 -> AAPL
                "",                    // 3 blank
                "MSFT",                // 4
                "AAPL",                // 5 duplicate of line 2
                "AAPL&apikey=x",       // 6 invalid
                "../../admin",         // 7 invalid
                "BRK.B",               // 8
                "ABCDEFGHIJKLMNOP")).toString()); // 9 too long
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void everyLineEndsInOneReportedOutcome() {
        Summary summary = runJob();

        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.succeeded()).isEqualTo(3);
        assertThat(summary.invalid()).isEqualTo(3);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(resultRows()).hasSize(7).anySatisfy(r -> assertThat(r).startsWith("2,AAPL,ok,"))
                .anySatisfy(r -> assertThat(r).startsWith("5,AAPL,duplicate,"))
                .anySatisfy(r -> assertThat(r).startsWith("6,AAPL&apikey=x,invalid,").contains("not a valid symbol: contains '&'"))
                .anySatisfy(r -> assertThat(r).startsWith("7,../../admin,invalid,").contains("contains '/'"))
                .anySatisfy(r -> assertThat(r).startsWith("9,ABCDEFGHIJKLMNOP,invalid,")
                        .contains("too long (16 characters, at most 15)"));

        QuoteSimulator sim = simulator();
        assertThat(sim.requestCount()).as("only the three valid, distinct tickers were sent").isEqualTo(3);
        assertThat(sim.countFor("AAPL")).isEqualTo(1);
        assertThat(sim.countFor("BRK.B")).isEqualTo(1);
        assertThat(summary.averagePrice()).isEqualByComparingTo(
                QuoteSimulator.priceOf("AAPL").add(QuoteSimulator.priceOf("MSFT")).add(QuoteSimulator.priceOf("BRK.B"))
                        .divide(java.math.BigDecimal.valueOf(3), 6, java.math.RoundingMode.HALF_EVEN));
    }
}
