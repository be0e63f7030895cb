package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.QuotaflowTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Settings the routes use as placeholders (consumers, progress-interval), set in the live config file when the
 * app starts: the routes start with them, as the rest of the app does. Camel's properties do not read that file,
 * so the SEDA consumers and the progress timer kept the start-up flags' values while the app believed the file's,
 * and a later WARN named a value that had never run.
 */
class ConfigFileAtStartTest extends QuotaflowTestSupport {

    private Path live;
    private final LogLines log = new LogLines();

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Override
    protected void settings(Map<String, String> s) {
        live = work.resolve("live.properties");
        Path list = writeTickers("list.txt", List.of("AAA", "BBB"));
        write("quotaflow.tickers=" + list + "\nquotaflow.consumers=3\nquotaflow.progress-interval=4s\n");
        s.put("quotaflow.config-file", live.toString());
        s.put("quotaflow.rate.period", "1s");
    }

    @Test
    void theRoutesStartWithTheLiveFilesConsumersAndProgressInterval() {
        SedaEndpoint fetch = (SedaEndpoint) context.getRoute("fetch-quote").getEndpoint();
        assertThat(fetch.getConcurrentConsumers()).isEqualTo(3);
        TimerEndpoint progress = (TimerEndpoint) context.getRoute("progress").getEndpoint();
        assertThat(progress.getPeriod()).isEqualTo(4000);

        runJob();
        assertThat(log.count("in the live config file, but the running service keeps")).as("nothing changed").isZero();

        write(readLive().replace("quotaflow.consumers=3", "quotaflow.consumers=5"));
        runJob();
        assertThat(log.count("quotaflow.consumers is 5 in the live config file, but the running service keeps 3")).isEqualTo(1);
        assertThat(fetch.getConcurrentConsumers()).isEqualTo(3);
    }

    private String readLive() {
        try {
            return Files.readString(live);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String text) {
        try {
            Files.writeString(live, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
