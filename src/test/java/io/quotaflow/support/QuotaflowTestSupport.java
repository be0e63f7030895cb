package io.quotaflow.support;

import io.quotaflow.QuotaflowConfiguration;
import io.quotaflow.job.Jobs;
import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.summary.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

/**
 * Runs the real application (configuration class and the YAML routes in ./routes) as a Camel Main
 * test against the embedded simulator, with short periods so tests stay fast. Subclasses add or
 * change settings in {@link #settings(Map)}.
 */
public abstract class QuotaflowTestSupport extends CamelMainTestSupport {

    /** A fresh folder under target/test-work; assigned from the super constructor, so no initializer here. */
    protected Path work;

    /** True to run with JMX on, as the app does (Camel's test support turns it off): for tests that read MBeans. */
    protected boolean withJmx() {
        return false;
    }

    @Override
    public void configureTest(TestExecutionConfiguration config) {
        super.configureTest(config);
        if (withJmx()) {
            config.withEnableJMX();
        }
    }

    /** Settings for this test on top of application.properties. */
    protected void settings(Map<String, String> s) {
    }

    @Override
    public void configureContext(CamelContextConfiguration camelContextConfiguration) {
        super.configureContext(camelContextConfiguration);
        try {
            Files.createDirectories(Path.of("target", "test-work"));
            work = Files.createTempDirectory(Path.of("target", "test-work"), getClass().getSimpleName() + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.put("quotaflow.run-once", "true");
        p.put("quotaflow.output-dir", work.resolve("out").toString());
        p.put("quotaflow.tickers", "classpath:tickers/demo-500.txt");
        p.put("quotaflow.progress-interval", "1s");
        // never a console on the default port from a test; monitoring tests switch it on with port 0
        p.put("quotaflow.console.enabled", "false");
        p.put("quotaflow.simulator.latency-min", "5ms");
        p.put("quotaflow.simulator.latency-max", "15ms");
        Map<String, String> extra = new java.util.HashMap<>();
        settings(extra);
        p.putAll(extra);
        camelContextConfiguration.withUseOverridePropertiesWithPropertiesComponent(p);
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(QuotaflowConfiguration.class);
        configuration.withRoutesIncludePattern("file:routes/*.yaml");
    }

    /** Runs one job to the end and returns its summary. */
    protected Summary runJob() {
        return template.requestBody("direct:job", (Object) null, Summary.class);
    }

    protected QuoteSimulator simulator() {
        return context.getRegistry().lookupByNameAndType("simulator", QuoteSimulator.class);
    }

    protected Jobs jobs() {
        return context.getRegistry().lookupByNameAndType("jobs", Jobs.class);
    }

    protected Path outputDir() {
        return work.resolve("out");
    }

    protected Path writeTickers(String name, List<String> lines) {
        try {
            Path file = work.resolve(name);
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of results.csv without the header. */
    protected List<String> resultRows() {
        try {
            List<String> all = Files.readAllLines(outputDir().resolve("results.csv"));
            return all.subList(1, all.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
