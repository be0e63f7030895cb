package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.summary.Summary;
import io.quotaflow.support.QuotaflowTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Run-once mode keeps writing straight into the output folder, and marks it the same way: a
 * summary.json left by an earlier run is gone the moment a new job starts, INCOMPLETE is there
 * while it runs, and only a completed job leaves summary.json without INCOMPLETE.
 */
class RunOnceFolderTest extends QuotaflowTestSupport {

    @Override
    protected void settings(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "10");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("tickers.txt",
                IntStream.range(0, 30).mapToObj(i -> "O" + i).toList()).toString());
    }

    @Test
    void anEarlierSummaryNeverPassesForTheRunningJob() throws Exception {
        Path out = outputDir();
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "{\"status\":\"completed\",\"note\":\"from an earlier run\"}");

        CompletableFuture<Summary> job = template.asyncRequestBody("direct:job", null, Summary.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().current() != null);
        assertThat(out.resolve("INCOMPLETE")).exists();
        assertThat(out.resolve("summary.json")).doesNotExist();

        Summary summary = job.get();
        assertThat(summary.status()).isEqualTo("completed");
        assertThat(out.resolve("INCOMPLETE")).doesNotExist();
        assertThat(Files.readString(out.resolve("summary.json"))).doesNotContain("earlier run").contains("\"completed\"");
        assertThat(out.resolve("runs")).doesNotExist();
        assertThat(out.resolve("latest")).doesNotExist();
    }
}
