package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.simulator.SimulatorSettings;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A distinctive API key, planted both in quotaflow.api.keys and literally in the URL's query, run
 * through a job with faults (so the error paths log): the key is in no log line, no output file, no
 * attribute of any Camel MBean. The simulator runs here, since the URL is not the embedded one.
 */
class SecretsTest extends QuotaflowTestSupport {

    static final String KEY = "PLANTEDk3y7q9zX";
    static QuoteSimulator sim;
    static LogLines logs;

    @Override
    protected void settings(Map<String, String> s) {
        if (sim == null) {
            logs = LogLines.everything(); // before Camel starts: its start-up summary is scanned too
            sim = new QuoteSimulator(SimulatorSettings.builder().requests(20).period(Duration.ofSeconds(1))
                    .apiKeys(Set.of(KEY)).unknownRate(0.05).latency(Duration.ofMillis(5), Duration.ofMillis(15))
                    .build()).start();
        }
        s.put("quotaflow.api.url", sim.baseUrl() + "/quote?symbol={ticker}&apikey=" + KEY);
        s.put("quotaflow.api.keys", KEY);
        // and in a header too (the simulator reads the query; the header only has to stay out of sight)
        s.put("quotaflow.api.key-header", "X-Token: Token {apiKey}");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "8");
        s.put("quotaflow.request-timeout", "500ms");
        s.put("quotaflow.retries", "1");
        s.put("quotaflow.retry.backoff", "50ms");
    }

    /** JMX on, as in the app: the MBeans are part of what is scanned. */
    @Override
    protected boolean withJmx() {
        return true;
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void thePlantedKeyIsNowhereToBeSeen() throws Exception {
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("secret.txt", Tickers.generated(60)).toString());
        sim.faults().error500Rate(0.15).malformedRate(0.05).hangRate(0.05).hangTime(Duration.ofSeconds(5))
                .resetRate(0.1).rateLimitBurst(3);

        Summary summary = runJob();

        // the job really ran into the error paths, with the key in use
        assertThat(sim.requestCount()).isGreaterThan(60);
        assertThat(sim.statusCounts()).containsKeys(200, 500, 429, 404);
        assertThat(summary.failed()).isPositive();

        // Camel's own log masking is on and works: a URI with apikey= logged by a log endpoint is masked
        assertThat(context.isLogMask()).isTrue();
        template.sendBodyAndHeader("log:io.quotaflow.masktest?showHeaders=true",
                "GET /quote?symbol=AAPL&apikey=" + KEY, Exchange.HTTP_URI, "http://x/quote?apikey=" + KEY);
        assertThat(logs.text()).contains("io.quotaflow.masktest").contains("apikey=xxxxx").doesNotContain("apikey=" + KEY);

        assertThat(logs.text()).as("log output").doesNotContain(KEY);
        for (String file : SecretScan.files(work)) {
            if (!file.startsWith(work.resolve("secret.txt").toString())) {
                assertThat(file).as("output file").doesNotContain(KEY);
            }
        }
        List<String> mbeans = SecretScan.camelMBeans();
        assertThat(mbeans).as("Camel MBeans were scanned").anyMatch(n -> n.contains("type=endpoints"))
                .anyMatch(n -> n.contains("type=routes")).anyMatch(n -> n.contains("type=processors"));
        assertThat(mbeans).noneMatch(v -> v.contains(KEY));
        assertThat(String.valueOf(summary)).doesNotContain(KEY);
        assertThat(String.valueOf(context.getRegistry().lookupByName("settings"))).doesNotContain(KEY);
    }
}
