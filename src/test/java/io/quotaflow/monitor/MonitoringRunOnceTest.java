package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Run-once mode: no console, /metrics or /health even when the console is enabled (the job exits when done), but
 * the quotaflow MBeans are there and agree with what the simulator counted per key.
 */
class MonitoringRunOnceTest extends QuotaflowTestSupport {

    @Override
    protected boolean withJmx() {
        return true;
    }

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.console.enabled", "true");
        s.put("quotaflow.console.port", "0");
        s.put("quotaflow.api.keys", "first-secret,second-secret");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("t.txt", java.util.List.of("AAPL", "MSFT", "bad ticker!", "IBM", "AAPL")).toString());
    }

    @Test
    void noConsoleInRunOnceModeButMBeansMatchTheServer() throws Exception {
        Monitoring monitoring = context.hasService(Monitoring.class);
        assertThat(monitoring).as("Monitoring runs as a Camel service").isNotNull();
        assertThat(monitoring.console()).as("no console in run-once mode").isNull();

        Summary summary = runJob();
        assertThat(summary.total()).isEqualTo(3);

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        java.util.List<Long> perKey = new java.util.ArrayList<>();
        for (String key : java.util.List.of("key1", "key2")) {
            ObjectName name = new ObjectName("io.quotaflow:type=limiter,key=" + key);
            perKey.add((Long) jmx.getAttribute(name, "SentTotal"));
            assertThat(jmx.getAttribute(name, "Limit")).isEqualTo(20);
        }
        // the simulator labels keys in the order it first sees them, so compare the counts, not the labels
        assertThat(perKey).as("the limiter's per-key counts are what the server saw")
                .containsExactlyInAnyOrderElementsOf(simulator().perKeyCount().values().stream().map(Integer::longValue).toList());
        assertThat(perKey.stream().mapToLong(Long::longValue).sum()).isEqualTo(summary.requests());
        ObjectName last = new ObjectName("io.quotaflow:type=job,name=last");
        assertThat(jmx.getAttribute(last, "Status")).isEqualTo("completed");
        assertThat(jmx.getAttribute(last, "Succeeded")).isEqualTo(summary.succeeded());
        assertThat(jmx.getAttribute(last, "Invalid")).isEqualTo(1L);
        assertThat(jmx.getAttribute(new ObjectName("io.quotaflow:type=job,name=current"), "State")).isEqualTo("IDLE");
    }
}
