package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Keys set in the live config file apply at the next job (README, "Changing settings while the service runs"),
 * so the per-key limiter views follow them: a label the job no longer has loses its MBean and its gauges, a new
 * one gets them, and what they show adds up to the requests the job made.
 */
class LiveKeysMonitoringTest extends QuotaflowTestSupport {

    private Path live;

    @Override
    protected boolean withJmx() {
        return true;
    }

    @Override
    protected void settings(Map<String, String> s) {
        live = work.resolve("live.properties");
        write(live, "");
        s.put("quotaflow.config-file", live.toString());
        // the embedded simulator accepts the three keys the app starts with
        s.put("quotaflow.api.keys", "k-one,k-two,k-three");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("t.txt", List.of("AAA", "BBB", "CCC", "DDD", "EEE", "FFF")).toString());
    }

    @Test
    void limiterViewsFollowTheKeysOfTheLiveConfigFile() throws Exception {
        assertThat(limiterLabels()).as("one view per configured key before any job").containsExactly("key1", "key2", "key3");
        Summary first = runJob();
        assertThat(sentTotal(limiterLabels())).isEqualTo(first.requests());

        write(live, "quotaflow.api.keys=k-one\n");
        Summary single = runJob();
        assertThat(single.keys()).isEqualTo(1);
        assertThat(limiterLabels()).as("key2 and key3 are gone with their keys").containsExactly("key1");
        assertThat(sentTotal(limiterLabels())).isEqualTo(single.requests());

        write(live, "quotaflow.api.keys=k-one,k-two\n");
        Summary two = runJob();
        assertThat(limiterLabels()).containsExactly("key1", "key2");
        assertThat(sentTotal(limiterLabels())).as("the views read the new limiter").isEqualTo(two.requests());
    }

    @Test
    void metricsFollowTheKeysToo() {
        JobFigures figures = new JobFigures(jobs());
        QuotaflowMetrics metrics = new QuotaflowMetrics(new CurrentJobView(figures), figures);
        metrics.addKey(new LimiterKeyView("key1", 20, figures));
        metrics.addKey(new LimiterKeyView("key2", 20, figures));
        metrics.addKey(new LimiterKeyView("key2", 20, figures)); // shown once
        Summary summary = runJob();

        String scrape = metrics.scrape();
        assertThat(scrape).contains("quotaflow_limiter_limit{key=\"key2\"} 20.0");
        double sends = 0;
        for (String label : List.of("key1", "key2", "key3")) {
            sends += figures.key(label).map(k -> (double) k.sentTotal()).orElse(0.0);
        }
        assertThat(sends).isEqualTo(summary.requests());

        metrics.removeKey("key2");
        assertThat(metrics.scrape()).doesNotContain("key=\"key2\"").contains("quotaflow_limiter_limit{key=\"key1\"} 20.0");
    }

    private static Set<String> limiterLabels() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<String> labels = new TreeSet<>();
        for (ObjectName name : jmx.queryNames(new ObjectName(Monitoring.DOMAIN + ":type=limiter,*"), null)) {
            labels.add(name.getKeyProperty("key"));
        }
        return labels;
    }

    private static long sentTotal(Set<String> labels) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        long total = 0;
        for (String label : labels) {
            total += (Long) jmx.getAttribute(new ObjectName(Monitoring.DOMAIN + ":type=limiter,key=" + label), "SentTotal");
        }
        return total;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
