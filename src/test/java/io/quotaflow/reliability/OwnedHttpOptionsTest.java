package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * camel-http options that quotaflow sets itself at start-up, after Camel Main has applied camel.component.http.*:
 * set as -D, such an option was silently overridden (-Dcamel.component.http.maxTotalConnections=1 still ran 16
 * connections; automaticRetriesDisabled=false left HttpClient's retries off). Now it is refused like any bad
 * setting (exit 2), naming the quotaflow setting to use instead (the app in its own JVM).
 */
class OwnedHttpOptionsTest {

    @Test
    void aPoolSizeForCamelHttpIsRefusedNamingQuotaflowConsumers() throws Exception {
        try (RunOnceFixture f = new RunOnceFixture("OwnedHttpOptionsTest", "owned-http-options-key", 50, List.of("AAA"))) {
            Map<String, String> s = f.settings();
            s.put("camel.component.http.maxTotalConnections", "1");
            try (AppProcess app = AppProcess.start(s, f.work.resolve("app.log"))) {
                assertThat(app.waitFor(60)).as(app.log()).isEqualTo(2);
                assertThat(app.log()).contains("quotaflow: invalid setting camel.component.http.maxTotalConnections:"
                        + " quotaflow sets it; use quotaflow.consumers");
            }
            assertThat(f.sim.requestCount()).as("nothing was sent").isZero();
        }
    }
}
