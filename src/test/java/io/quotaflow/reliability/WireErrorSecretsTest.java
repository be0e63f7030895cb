package io.quotaflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SecretsTest} covers the faults of a well-behaved server. Here the API is hostile ({@link EchoingApi}):
 * it echoes the request, and so the key, back in a status line, a header, a chunk line, a body, a redirect, and
 * also resets and hangs. With every logger at TRACE (except org.apache.hc, whose wire log the README says never
 * to turn on), the key is in no log line, no output file, no Camel MBean attribute, and in no exception an
 * exchange carries (which Hawtio's debugger or a route's own error log would show).
 */
class WireErrorSecretsTest extends QuotaflowTestSupport {

    static final String KEY = "SeCrEt-" + UUID.randomUUID().toString().substring(0, 8);
    static EchoingApi api;
    static LogLines logs;
    static final Map<String, Level> LEVELS_BEFORE = new HashMap<>();

    @Override
    protected void settings(Map<String, String> s) {
        if (api == null) {
            api = new EchoingApi();
            LEVELS_BEFORE.put(LogManager.ROOT_LOGGER_NAME, LogManager.getRootLogger().getLevel());
            LEVELS_BEFORE.put("org.apache.hc", LogManager.getLogger("org.apache.hc").getLevel());
            Configurator.setRootLevel(Level.TRACE);
            logs = LogLines.everything(); // before Camel starts: its start-up logs are scanned too
        }
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", KEY);
        s.put("quotaflow.api.key-header", "X-Token: Token {apiKey}");
        s.put("quotaflow.rate.requests", "50");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.consumers", "4");
        s.put("quotaflow.request-timeout", "500ms");
        s.put("quotaflow.retries", "1");
        s.put("quotaflow.retry.backoff", "20ms");
    }

    @Override
    protected boolean withJmx() {
        return true;
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        Configurator.setLevel(LEVELS_BEFORE);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void whatAHostileApiEchoesBackStaysOutOfSight() throws Exception {
        assertThat(LogManager.getLogger("org.apache.camel").isTraceEnabled()).as("Camel logs at TRACE").isTrue();
        Queue exceptions = new Queue();
        exceptions.start();
        context.getManagementStrategy().addEventNotifier(exceptions);
        context.getCamelContextExtension().setEventNotificationApplicable(true);
        context.getPropertiesComponent().addOverrideProperty("quotaflow.tickers",
                writeTickers("tickers.txt", List.copyOf(EchoingApi.TICKERS.keySet())).toString());

        Summary summary = runJob();

        // every hostile answer was really given to a request that carried the key
        assertThat(api.heads.keySet()).containsAll(EchoingApi.TICKERS.keySet());
        api.heads.forEach((ticker, head) -> assertThat(head).as(ticker).contains("apikey=" + KEY).contains("Token " + KEY));
        List<CSVRecord> rows = Tickers.rows(outputDir());
        assertThat(rows).hasSize(EchoingApi.TICKERS.size());
        assertThat(summary.failed()).isEqualTo(EchoingApi.TICKERS.size());
        assertThat(exceptions.seen).as("calls threw").isNotEmpty();

        assertThat(exceptions.seen).as("exceptions on exchanges").allSatisfy(e -> assertThat(e).doesNotContain(KEY));
        assertThat(logs.text()).as("log output").doesNotContain(KEY);
        for (String file : SecretScan.files(work)) {
            assertThat(file).as("output file").doesNotContain(KEY);
        }
        assertThat(SecretScan.camelMBeans()).as("Camel MBeans").noneMatch(v -> v.contains(KEY));
    }

    /** The exception each finished exchange caught, with its causes and stack, as text. */
    static final class Queue extends EventNotifierSupport {
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeEvent e) {
                Exception caught = e.getExchange().getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                if (caught != null) {
                    StringWriter text = new StringWriter();
                    caught.printStackTrace(new PrintWriter(text));
                    seen.add(text.toString());
                }
            }
        }
    }
}
