package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.QuotaflowTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service mode with quotaflow.console.enabled=false: the service runs its first job, no console is started. */
class MonitoringDisabledTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.run-once", "false");
        s.put("quotaflow.console.enabled", "false");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("AAPL", "MSFT")).toString());
    }

    @Test
    void serviceRunsWithoutConsole() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jobs().last() != null && jobs().last().summary() != null);
        assertThat(jobs().last().summary().total()).isEqualTo(2);
        Monitoring monitoring = context.hasService(Monitoring.class);
        assertThat(monitoring).isNotNull();
        assertThat(monitoring.console()).isNull();
    }
}
