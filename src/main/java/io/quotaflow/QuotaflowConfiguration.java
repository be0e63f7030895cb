package io.quotaflow;

import io.quotaflow.config.ConfigFile;
import io.quotaflow.config.ConfigException;
import io.quotaflow.config.Durations;
import io.quotaflow.config.KnownSettings;
import io.quotaflow.config.OwnedHttpOptions;
import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.config.ScheduleSettings;
import io.quotaflow.fetch.Outcomes;
import io.quotaflow.fetch.SkipTicker;
import io.quotaflow.fetch.Throttle;
import io.quotaflow.fetch.TickerFile;
import io.quotaflow.fetch.WireGuard;
import io.quotaflow.job.GracefulStop;
import io.quotaflow.job.Jobs;
import io.quotaflow.job.ResultAggregation;
import io.quotaflow.job.SplitItem;
import io.quotaflow.job.SplitPool;
import io.quotaflow.monitor.Monitoring;
import io.quotaflow.schedule.JobGate;
import io.quotaflow.schedule.JobsControl;
import io.quotaflow.schedule.MissedSlots;
import io.quotaflow.schedule.SafeRouteReloadStrategy;
import io.quotaflow.simulator.QuoteSimulator;
import io.quotaflow.simulator.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.impl.matchers.KeyMatcher;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the beans the YAML routes call and configures camel-http for them. Runs once at start-up;
 * the settings are validated here first, so a bad value stops the app before anything is sent.
 */
public class QuotaflowConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaflowConfiguration.class);
    /** The service's Quartz scheduler settings: how late a cron slot may be before it counts as missed. */
    static final String QUARTZ_PROPERTIES = "quotaflow-quartz.properties";

    @Override
    public void configure(CamelContext context) throws Exception {
        KnownSettings.checkPrefixed(System.getProperties().stringPropertyNames(), "set with -D");
        OwnedHttpOptions.check(System.getProperties().stringPropertyNames(), "set with -D");
        OwnedHttpOptions.check(System.getenv().keySet(), "set in the environment");
        Set<String> unknownEnv = KnownSettings.unknownEnvironment(System.getenv());
        if (!unknownEnv.isEmpty()) {
            LOG.warn("Environment variables {} match no quotaflow setting and are ignored (a setting's variable is"
                    + " its name upper-cased with '.' and '-' as '_': QUOTAFLOW_RATE_REQUESTS for quotaflow.rate.requests)",
                    unknownEnv);
        }
        routesStartWithTheLiveFile(context);
        QuotaflowSettings settings = read(context);
        Path routes = routesDir(context);
        LOG.info("Routes from {}", routes == null ? "the jar" : routes);
        ScheduleSettings schedule = readSchedule(context);
        TickerFile.check(settings.tickers());

        Throttle throttle = new Throttle();
        WireGuard wire = new WireGuard();
        QuoteSimulator simulator = settings.simulated() ? startSimulator(context, settings) : null;
        // consumers are threads and connections made here, at start-up, whatever a job's settings say later; a
        // job start sizes them again only for the consumers fetch.yaml really gives seda:fetch (job.FetchPools)
        Jobs jobs = new Jobs(() -> read(context), throttle, wire, () -> simulatorUrl(simulator), settings.consumers());
        jobs.startedWith(settings);

        context.getRegistry().bind("settings", settings);
        context.getRegistry().bind("throttle", throttle);
        context.getRegistry().bind("wireGuard", wire);
        context.getRegistry().bind("outcomes", new Outcomes(throttle));
        context.getRegistry().bind("jobs", jobs);
        context.getManagementStrategy().addEventNotifier(new GracefulStop(jobs));
        context.getRegistry().bind("resultAggregation", new ResultAggregation());
        context.getRegistry().bind("splitItem", new SplitItem());
        // the split hands each valid ticker to a SEDA consumer and waits for its outcome; SplitPool bounds how many
        // at once (job.FetchPools resizes it to a route's own consumers)
        context.getRegistry().bind("splitPool",
                SplitPool.create(context, QuotaflowConfiguration.class, settings.consumers()));

        context.getRegistry().bind("skipTicker", new SkipTicker());

        configureHttp(context, settings, wire);
        // MBeans always; console, /metrics and /health in service mode (started and stopped with the context)
        context.addService(new Monitoring(context, jobs, settings), true, true);
        configureService(context, settings, schedule);
    }

    private static String simulatorUrl(QuoteSimulator simulator) {
        if (simulator == null) {
            throw new ConfigException("quotaflow.api.url", "is empty (in quotaflow.config-file?), but quotaflow"
                    + " started with an API URL, so the embedded simulator is not running; restart to use it");
        }
        return simulator.baseUrl();
    }

    /** The schedule settings (validated at start-up in both modes, so a typo never waits for the service). */
    static ScheduleSettings readSchedule(CamelContext context) {
        return ScheduleSettings.from(lookup(context));
    }

    /**
     * Service mode: the gate that keeps jobs from overlapping (bean jobGate, used by service.yaml),
     * runNow over JMX, and live route reload guarded against broken edits and running jobs.
     */
    private static void configureService(CamelContext context, QuotaflowSettings s, ScheduleSettings schedule)
            throws Exception {
        JobGate gate = new JobGate();
        context.getRegistry().bind("jobGate", gate);
        if (s.runOnce()) {
            return;
        }
        // camel-quartz's own propertiesFile option, set here rather than as camel.component.quartz.* in
        // application.properties: that would create a Quartz scheduler (and its threads) in run-once mode too
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setPropertiesFile("classpath:" + QUARTZ_PROPERTIES);
        quartz.addScheduleInitTask(scheduler -> scheduler.getListenerManager().addTriggerListener(new MissedSlots(),
                KeyMatcher.keyEquals(MissedSlots.TRIGGER))); // a user's own quartz: route is not ours to report
        context.addService(new JobsControl(context, gate), true, true);
        Path dir = routesDir(context);
        if (schedule.routesReload() && dir != null) {
            context.addService(new SafeRouteReloadStrategy(dir, gate), true, true);
        } else if (schedule.routesReload()) {
            LOG.info("Routes come from the jar (no routes folder): live route editing is off");
        }
    }

    /** The folder the YAML routes were loaded from, or null when they come from the jar. */
    private static Path routesDir(CamelContext context) {
        String dir = context.getPropertiesComponent().resolveProperty("quotaflow.routes-dir")
                .orElse(QuotaflowApp.routesDir());
        return dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir)) ? null
                : Path.of(dir).toAbsolutePath().normalize();
    }

    /** Reads and validates every quotaflow.* key through Camel's properties (file, -D, env) and quotaflow.config-file. */
    static QuotaflowSettings read(CamelContext context) {
        return QuotaflowSettings.from(lookup(context));
    }

    /**
     * Two settings the live config file may hold are route placeholders ({{quotaflow.consumers}} in fetch.yaml,
     * {{quotaflow.progress-interval}} in progress.yaml; service.yaml's are refused there, see ConfigFile), and
     * Camel's properties do not read the live config file: when the file sets them at
     * start-up, the routes get its value too, so they start with the settings the app starts with (the HTTP
     * pool, sized from the settings, already followed the file; the SEDA consumers did not).
     */
    private static void routesStartWithTheLiveFile(CamelContext context) {
        var withFile = lookup(context);
        for (String key : List.of("quotaflow.consumers", "quotaflow.progress-interval")) {
            String value = withFile.apply(key);
            String without = context.getPropertiesComponent().resolveProperty(key).orElse(null);
            if (value != null && !value.equals(without)) {
                context.getPropertiesComponent().addOverrideProperty(key, value.trim());
            }
        }
    }

    /** Camel's properties, with the live file quotaflow.config-file (re-read on every call) in front. */
    private static java.util.function.Function<String, String> lookup(CamelContext context) {
        return ConfigFile.over(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
    }

    /**
     * One connection per consumer (a thread that passed the throttle must never queue for a
     * connection and then burst), no HttpClient retries (they would bypass the route's accounting),
     * and the request timeout on connect, lease and response.
     */
    private static void configureHttp(CamelContext context, QuotaflowSettings s, WireGuard wire) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, s.requestTimeout().toMillis());
        wire.setRequestTimeout(s.requestTimeout());
        // the template may be http:// or https://: both schemes get the same client set-up
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            http.setHttpClientConfigurer(wire);
            http.setAutomaticRetriesDisabled(true);
            http.setMaxTotalConnections(s.consumers());
            http.setConnectionsPerRoute(s.consumers());
            http.setConnectTimeout(timeout);
            http.setSoTimeout(timeout);
            http.setResponseTimeout(timeout);
            http.setConnectionRequestTimeout(timeout);
        }
    }

    /** The embedded quote API, with the same limit as the client: a strict judge of the promise. */
    private static QuoteSimulator startSimulator(CamelContext context, QuotaflowSettings s) throws Exception {
        var sim = s.simulator();
        QuoteSimulator simulator = new QuoteSimulator(SimulatorSettings.builder()
                .requests(s.rateRequests())
                .period(s.ratePeriod())
                .apiKeys(new HashSet<>(s.apiKeys()))
                .nonceRequired(s.nonceEnabled())
                .latency(sim.latencyMin(), sim.latencyMax())
                .inboundJitter(sim.jitter())
                .unknownRate(sim.unknownRate())
                .build()).start();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                simulator.close();
            }
        }, true, true);
        context.getRegistry().bind("simulator", simulator);
        LOG.info("No quotaflow.api.url set: using the embedded simulator at {} ({} per {} per key)",
                simulator.baseUrl(), s.rateRequests(), Durations.format(s.ratePeriod()));
        return simulator;
    }
}
