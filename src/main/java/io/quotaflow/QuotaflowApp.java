package io.quotaflow;

import io.quotaflow.config.ConfigException;
import io.quotaflow.config.HomeTilde;
import io.quotaflow.schedule.SafeRouteReloadStrategy;
import io.quotaflow.summary.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. {@code quotaflow.run-once=true} runs one job and exits (0 when the job completed,
 * even if some tickers failed); otherwise it is a long-running service. A bad setting exits with 2
 * and one line naming the key.
 */
public final class QuotaflowApp {

    public static final int EXIT_OK = 0;
    public static final int EXIT_JOB_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(QuotaflowApp.class);

    private volatile int exitCode = EXIT_OK;

    public static void main(String[] args) {
        System.exit(new QuotaflowApp().run(args));
    }

    public int run(String[] args) {
        String pattern;
        try {
            pattern = routesPattern();
        } catch (ConfigException e) {
            return fail(e);
        }
        Main main = new Main();
        main.configure().addConfiguration(new QuotaflowConfiguration());
        main.configure().withRoutesIncludePattern(pattern);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                if (m.getCamelContext().getRoute("quote-job") == null) {
                    // a routes folder that is not quotaflow's (e.g. an empty ./routes): in both modes, or a
                    // service would sit there with nothing to run
                    exitCode = fail(noJobRoute());
                    main.completed();
                    return;
                }
                if (QuotaflowConfiguration.read(m.getCamelContext()).runOnce()) {
                    Thread job = new Thread(() -> runOnce(main), "quotaflow-run-once");
                    job.start();
                }
            }
        });
        try {
            main.run(args);
        } catch (Throwable e) {
            // Camel's shutdown hook would log "triggered by SIGTERM" on our exit: no signal was sent
            main.completed();
            return fail(e);
        }
        return exitCode;
    }

    private void runOnce(Main main) {
        try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
            Summary summary = template.requestBody("direct:job", (Object) null, Summary.class);
            if (summary != null && !"completed".equals(summary.status())) {
                // Camel stopped itself (camel.main.durationMax*, a JMX stop): no signal sets the exit code, and 0
                // promises a completed job. A SIGTERM lands here too, but the JVM then exits with the signal's code.
                System.err.println("quotaflow: the job was stopped before the end of its list (Camel was asked to"
                        + " stop: camel.main.durationMaxSeconds, durationMaxMessages or durationMaxIdleSeconds, or a"
                        + " stop over JMX); summary.json says incomplete, and the next run on the same output folder"
                        + " resumes it");
                exitCode = EXIT_JOB_FAILED;
            }
        } catch (Throwable e) {
            exitCode = fail(e);
        } finally {
            main.completed();
        }
    }

    private static ConfigException noJobRoute() {
        String dir = routesDir();
        return new ConfigException("quotaflow.routes-dir", "the routes in " + (dir == null ? "the jar"
                : "'" + Path.of(dir).toAbsolutePath().normalize() + "'") + " have no route 'quote-job'"
                + " (from direct:job); point quotaflow.routes-dir at quotaflow's routes folder");
    }

    private static int fail(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof ConfigException c) {
                System.err.println("quotaflow: invalid setting " + c.getMessage());
                return EXIT_BAD_CONFIG;
            }
            if (t instanceof PropertyBindingException b && b.getOptionKey() != null) {
                // a camel.* setting (the README's reference lists some) that Camel Main cannot set: a bad setting as
                // well, not a failed job; its value is not repeated, a setting's value may be a secret
                System.err.println("quotaflow: invalid setting " + camelKey(b) + ": Camel has no such option, or it"
                        + " does not take this value (Camel Main's options: camel.apache.org, \"Camel Main\")");
                return EXIT_BAD_CONFIG;
            }
        }
        // the causes in one line: a broken route file says where (file, line, column), as a live reload does
        LOG.error("quotaflow stopped: {}", SafeRouteReloadStrategy.oneLine(e, List.of()));
        return EXIT_JOB_FAILED;
    }

    private static String camelKey(PropertyBindingException b) {
        String prefix = b.getOptionPrefix() == null ? "" : b.getOptionPrefix();
        return prefix.isEmpty() || prefix.endsWith(".") ? prefix + b.getOptionKey() : prefix + "." + b.getOptionKey();
    }

    /**
     * Where the YAML routes come from: {@code quotaflow.routes-dir} (system property or
     * QUOTAFLOW_ROUTES_DIR), else ./routes when it exists (so edits there apply), else the copies
     * packaged in the jar. Read before Camel starts, because routes are located before properties.
     */
    static String routesPattern() {
        String dir = routesDir();
        return dir == null ? "classpath:routes/*.yaml" : "file:" + Path.of(dir).toAbsolutePath().normalize() + "/*.yaml";
    }

    /** The routes folder as {@link #routesPattern()} chooses it, or null for the copies in the jar. */
    static String routesDir() {
        String dir = System.getProperty("quotaflow.routes-dir", System.getenv("QUOTAFLOW_ROUTES_DIR"));
        if (dir != null && !Files.isDirectory(Path.of(dir))) {
            throw new ConfigException("quotaflow.routes-dir", "'" + dir + "' is not a folder: "
                    + Path.of(dir).toAbsolutePath().normalize() + HomeTilde.hint(dir)); // relative: from the working directory
        }
        if (dir == null && Files.isDirectory(Path.of("routes"))) {
            dir = "routes";
        }
        return dir;
    }
}
