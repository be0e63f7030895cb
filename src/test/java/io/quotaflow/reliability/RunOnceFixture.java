package io.quotaflow.reliability;

import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.simulator.SimulatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For tests that run the app in its own JVM ({@link AppProcess}): a simulator here, in the test JVM (so it
 * counts the requests of every app process), a work folder under target/test-work, a ticker list, and the -D
 * settings of a scripted run against that simulator.
 */
final class RunOnceFixture implements AutoCloseable {

    final QuoteSimulator sim;
    final Path work;
    final Path out;
    final Path list;
    private final String key;
    private final int limit;

    /** A simulator that allows {@code limit} requests per second for {@code key}, answering in 5-15 ms. */
    RunOnceFixture(String name, String key, int limit, List<String> tickers) throws IOException {
        this.key = key;
        this.limit = limit;
        sim = new QuoteSimulator(SimulatorSettings.builder().requests(limit).period(Duration.ofSeconds(1))
                .apiKeys(Set.of(key)).unknownRate(0).latency(Duration.ofMillis(5), Duration.ofMillis(15)).build()).start();
        Files.createDirectories(Path.of("target", "test-work"));
        work = Files.createTempDirectory(Path.of("target", "test-work"), name + "-").toAbsolutePath();
        out = work.resolve("out");
        list = Files.write(work.resolve("tickers.txt"), tickers);
    }

    /** A scripted run of the list against the simulator, into {@link #out}, at the simulator's limit. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quotaflow.run-once", "true");
        s.put("quotaflow.tickers", list.toString());
        s.put("quotaflow.output-dir", out.toString());
        s.put("quotaflow.api.url", sim.baseUrl() + "/quote?symbol={ticker}&apikey={apiKey}");
        s.put("quotaflow.api.keys", key);
        s.put("quotaflow.rate.requests", String.valueOf(limit));
        s.put("quotaflow.rate.period", "1s");
        return s;
    }

    @Override
    public void close() {
        sim.close();
    }
}
