package io.quotaflow.support;

import static org.awaitility.Awaitility.await;

import io.quotaflow.QuotaflowConfiguration;
import io.quotaflow.job.JobRun;
import io.quotaflow.schedule.JobGate;
import io.quotaflow.schedule.JobsControl;
import io.quotaflow.summary.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.main.MainConfigurationProperties;

/**
 * The application in service mode (quotaflow.run-once=false) with its own copy of routes/ in the
 * test folder, so a test can edit route files while it runs. By default nothing fires on its own
 * (the cron is far in the future, no run on start); tests trigger jobs or choose a short cron.
 */
public abstract class ServiceTestSupport extends QuotaflowTestSupport {

    protected Path routes;

    /** Service settings for this test on top of the defaults here. */
    protected void serviceSettings(Map<String, String> s) {
    }

    @Override
    protected final void settings(Map<String, String> s) {
        routes = work.resolve("routes");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            Files.createDirectories(routes);
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.put("quotaflow.run-once", "false");
        s.put("quotaflow.run-on-start", "false");
        s.put("quotaflow.schedule", "0 0 0 1 1 ? 2099");
        s.put("quotaflow.routes-dir", routes.toString());
        serviceSettings(s);
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(QuotaflowConfiguration.class);
        configuration.withRoutesIncludePattern("file:" + routes + "/*.yaml");
    }

    /** Jobs of one ticker against the simulator, some tens of ms each: well inside a per-second cron's slot. */
    protected void oneQuickTicker(Map<String, String> s) {
        s.put("quotaflow.rate.requests", "50");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", List.of("AAA")).toString());
    }

    /** Jobs of these tickers against a stub API (keyed with a test key) at 50 requests a second. */
    protected void stubApi(Map<String, String> s, StubApi api, String key, List<String> tickers) {
        s.put("quotaflow.api.url", api.urlTemplate());
        s.put("quotaflow.api.keys", key);
        s.put("quotaflow.rate.requests", "50");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", tickers).toString());
    }

    protected JobGate gate() {
        return context.getRegistry().lookupByNameAndType("jobGate", JobGate.class);
    }

    /** Fires the trigger route by hand (as runNow does) and waits for that job to end; its summary. */
    protected Summary triggerJob() {
        JobRun before = jobs().last();
        template.sendBodyAndHeader(JobsControl.TRIGGER_URI, null, JobGate.TRIGGER, "manual");
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs().last() != before && gate().busySince() == null);
        return jobs().last().summary();
    }

    /** The per-job folders under runs/, oldest first. */
    protected List<Path> runFolders() {
        Path runs = outputDir().resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void writeRoute(String file, String yaml) {
        try {
            // write then move, as editors do, so the watcher never reads half a file
            Path tmp = work.resolve(file + ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, routes.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String readRoute(String file) {
        try {
            return Files.readString(routes.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
