package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scripted run that Camel Main itself stops before the list is done - camel.main.durationMaxSeconds (or
 * durationMaxMessages, durationMaxIdleSeconds), options Camel users set to bound a run - saves the job as
 * incomplete, as a SIGTERM does. Before the fix it then exited 0, the code that promises a completed job, with 10
 * rows for a 59-line list; no signal sets the exit code here, so it now exits 1 and says why.
 */
class StoppedByCamelTest {

    @Test
    void aRunCamelStopsBeforeTheEndOfItsListExitsWithOne() throws Exception {
        try (RunOnceFixture f = new RunOnceFixture("StoppedByCamelTest", "stopped-by-camel-key", 5, Tickers.generated(40))) {
            Map<String, String> s = f.settings();
            s.put("camel.main.durationMaxSeconds", "2");
            try (AppProcess app = AppProcess.start(s, f.work.resolve("app.log"))) {
                assertThat(app.waitFor(60)).as(app.log()).isEqualTo(1);
                assertThat(app.log()).contains("quotaflow: the job was stopped before the end of its list")
                        .contains("camel.main.durationMax").as("no signal was sent").doesNotContain("SIGTERM");
            }
            JsonNode summary = new ObjectMapper().readTree(f.out.resolve("summary.json").toFile());
            assertThat(summary.get("status").asText()).isEqualTo("incomplete");
            assertThat(summary.get("total").asLong()).isLessThan(40);
        }
    }
}
