package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * quotaflow.config-file is read at the start of every job: a changed limit and a changed ticker
 * list (both the file it names and the content of that file) apply to the next job, without a
 * restart, and its keys win over the settings the app was started with (here: override properties,
 * the strongest source Camel has).
 */
class ConfigFileLiveTest extends QuotaflowTestSupport {

    private Path live;
    private final LogLines log = new LogLines();

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Override
    protected void settings(Map<String, String> s) {
        live = work.resolve("live.properties");
        Path first = writeTickers("first.txt", List.of("AAA", "BBB"));
        // the limit starts from the settings below (the embedded simulator enforces that one); consumers and
        // progress-interval are route placeholders, which Camel resolves without this file
        write(live, "quotaflow.tickers=" + first + "\nquotaflow.consumers=3\nquotaflow.progress-interval=4s\n");
        s.put("quotaflow.config-file", live.toString());
        s.put("quotaflow.rate.requests", "22");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void anEditedConfigFileAndTickerListApplyAtTheNextJob() {
        Summary first = runJob();
        assertThat(first.limit()).isEqualTo("22 per 1s per key");
        assertThat(first.total()).isEqualTo(2);

        // the same list file, edited
        writeTickers("first.txt", List.of("AAA", "BBB", "CCC"));
        assertThat(runJob().total()).isEqualTo(3);

        assertThat(log.count("The embedded simulator keeps the limit")).isZero();

        Path second = writeTickers("second.txt", List.of("DDD", "EEE", "FFF", "GGG"));
        write(live, "quotaflow.rate.requests=9\nquotaflow.consumers=4\nquotaflow.tickers=" + second + "\n");
        Summary next = runJob();
        assertThat(next.limit()).isEqualTo("9 per 1s per key");
        assertThat(next.total()).isEqualTo(4);
        assertThat(jobs().limiter().stats().get(0).limit()).isEqualTo(9);
        assertThat(next.rateLimited()).isZero();
        // a lower limit than the simulator's causes no 429 and no warning; a higher one would get 429s: it warns
        assertThat(log.count("The embedded simulator keeps the limit")).isZero();
        // consumers are threads and connections made at start-up: the job says the edit waits for a restart
        assertThat(log.count("quotaflow.consumers is 4 in the live config file, but the running service keeps")).isEqualTo(1);
        assertThat(simulator().arrivals().stream().filter(a -> a.symbol().equals("GGG") && a.status() == 200)).hasSize(1);

        write(live, "quotaflow.rate.requests=30\nquotaflow.tickers=" + second + "\n");
        Summary higher = runJob();
        assertThat(log.count("The embedded simulator keeps the limit, keys and nonce mode it started with (22 per 1s"))
                .isEqualTo(1);
        assertThat(higher.total()).isEqualTo(4); // 4 tickers: one window, under either limit
    }

    /**
     * The route placeholders set in the file at start-up reach the routes too. Before, the SEDA consumers and the
     * progress timer kept the start-up flags' values while the app believed the file's, and the restart WARN
     * named a value that had never run.
     */
    @Test
    void theRoutesStartWithTheFilesConsumersAndProgressInterval() {
        SedaEndpoint fetch = (SedaEndpoint) context.getRoute("fetch-quote").getEndpoint();
        assertThat(fetch.getConcurrentConsumers()).isEqualTo(3);
        assertThat(((TimerEndpoint) context.getRoute("progress").getEndpoint()).getPeriod()).isEqualTo(4000);

        runJob();
        assertThat(log.count("in the live config file, but the running service keeps")).as("nothing changed").isZero();
        write(live, "quotaflow.tickers=" + work.resolve("first.txt") + "\nquotaflow.consumers=5\n");
        runJob();
        assertThat(log.count("quotaflow.consumers is 5 in the live config file, but the running service keeps 3")).isEqualTo(1);
        assertThat(log.count("progress-interval")).as("4s still, from start-up").isZero();
        assertThat(fetch.getConcurrentConsumers()).isEqualTo(3);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
