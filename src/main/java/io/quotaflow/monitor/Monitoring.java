package io.quotaflow.monitor;

import io.quotaflow.config.ConfigException;
import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.console.ConsoleServer;
import io.quotaflow.console.ConsoleSettings;
import io.quotaflow.job.Jobs;
import io.quotaflow.limit.ApiKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an operator watches, started and stopped with the CamelContext:
 * <ul>
 *   <li>quotaflow's MBeans in domain {@code io.quotaflow} (per key label, running job, last job), registered with
 *       Camel's ManagementAgent so Hawtio shows them in its JMX tree and Camel unregisters them at stop;</li>
 *   <li>in service mode only: the Hawtio console ({@link ConsoleServer}) with {@code /metrics} (Prometheus, login
 *       required) and {@code /health} (open, reveals only UP/DOWN and route counts) on the same port.</li>
 * </ul>
 * A run-once job exits when it is done, so it gets no console and no endpoints.
 */
public final class Monitoring extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    public static final String DOMAIN = "io.quotaflow";

    private final CamelContext context;
    private final QuotaflowSettings settings;
    private final ConsoleSettings consoleSettings;
    private final Jobs jobs;
    private final JobFigures figures;
    /** The job MBeans; the per-key ones are in {@link #keyViews}. */
    private final List<ObjectName> registered = new ArrayList<>();
    /** One view per key label of the current limiter, in MBeans and (with the console) in /metrics. */
    private final Map<String, ObjectName> keyViews = new LinkedHashMap<>();
    private QuotaflowMetrics metrics;
    private ConsoleServer console;

    public Monitoring(CamelContext context, Jobs jobs, QuotaflowSettings settings) {
        this.context = context;
        this.settings = settings;
        this.consoleSettings = readConsoleSettings(context);
        if (!settings.runOnce()) {
            // here, while the app is configured: a taken port is then one line and exit 2, not a Camel start failure
            ConsoleServer.checkCanListen(consoleSettings);
        }
        this.jobs = jobs;
        // a service shows the job an earlier process completed until it finishes one; run-once has no latest/
        this.figures = new JobFigures(jobs, settings.runOnce() ? null : PreviousJob.read(settings.outputDir()).orElse(null));
    }

    /** {@code quotaflow.console.*} through Camel's properties (file, -D, env); a bad value is a config error. */
    static ConsoleSettings readConsoleSettings(CamelContext context) {
        try {
            return ConsoleSettings.fromProperties(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("quotaflow.console", e.getMessage());
        }
    }

    /** The running console, or null (run-once, disabled, or not started). */
    public ConsoleServer console() {
        return console;
    }

    @Override
    protected void doStart() throws Exception {
        CurrentJobView current = new CurrentJobView(figures);
        registerJobMBeans(current);
        boolean withConsole = !settings.runOnce() && consoleSettings.enabled();
        metrics = withConsole ? new QuotaflowMetrics(current, figures) : null;
        showKeys(ApiKey.all(settings.apiKeys()).stream().map(ApiKey::label).toList());
        jobs.onNewKeys(this::showKeys);
        if (!withConsole) {
            LOG.info("Operator console, /metrics and /health not started ({})",
                    settings.runOnce() ? "run-once mode" : "quotaflow.console.enabled=false");
            return;
        }
        warnIfExposed(consoleSettings.host());
        QuotaflowMetrics scraped = metrics;
        CamelHealth health = new CamelHealth(context);
        console = new ConsoleServer(consoleSettings)
                .mount("/metrics", new TextHandler(() -> new TextHandler.Reply(200,
                        "text/plain; version=0.0.4; charset=utf-8", scraped.scrape())), true)
                .mount("/health", new TextHandler(health::check), false)
                .start();
        String base = console.url().substring(0, console.url().length() - "/hawtio".length());
        LOG.info("Metrics at {}/metrics (login required), health at {}/health", base, base);
    }

    @Override
    protected void doStop() {
        jobs.onNewKeys(null);
        if (console != null) {
            console.close();
            console = null;
        }
        showKeys(List.of());
        registered.forEach(this::unregister);
        registered.clear();
        metrics = null;
    }

    /**
     * One limiter view per key label, and no more: keys set in the live config file apply at the next job, so
     * views of labels that job no longer has go, and new labels get theirs (a view reads whatever limiter is
     * current, so a label that stays keeps its view).
     */
    synchronized void showKeys(List<String> labels) {
        for (var it = keyViews.entrySet().iterator(); it.hasNext(); ) {
            var view = it.next();
            if (!labels.contains(view.getKey())) {
                unregister(view.getValue());
                if (metrics != null) {
                    metrics.removeKey(view.getKey());
                }
                it.remove();
            }
        }
        ManagementAgent agent = agent();
        for (String label : labels) {
            if (keyViews.containsKey(label)) {
                continue;
            }
            LimiterKeyView view = new LimiterKeyView(label, settings.rateRequests(), figures);
            ObjectName name = null;
            if (agent != null) {
                try {
                    name = new ObjectName(DOMAIN + ":type=limiter,key=" + label);
                    agent.register(view, name, true);
                } catch (JMException e) {
                    LOG.warn("Cannot register the limiter view of {}: {}", label, e.toString());
                    name = null;
                }
            }
            if (metrics != null) {
                metrics.addKey(view);
            }
            keyViews.put(label, name);
        }
    }

    private void registerJobMBeans(CurrentJobView current) throws JMException {
        ManagementAgent agent = agent();
        if (agent == null) {
            LOG.info("JMX is disabled: quotaflow MBeans not registered");
            return;
        }
        register(agent, current, "type=job,name=current");
        register(agent, new LastJobView(figures), "type=job,name=last");
    }

    private void unregister(ObjectName name) {
        ManagementAgent agent = agent();
        if (name == null || agent == null) {
            return;
        }
        try {
            agent.unregister(name);
        } catch (JMException e) {
            LOG.warn("Cannot unregister {}: {}", name, e.toString());
        }
    }

    private void register(ManagementAgent agent, Object mbean, String properties) throws JMException {
        ObjectName name = new ObjectName(DOMAIN + ":" + properties);
        agent.register(mbean, name, true);
        registered.add(name);
    }

    private ManagementAgent agent() {
        return context.getManagementStrategy() == null ? null : context.getManagementStrategy().getManagementAgent();
    }

    /** Binding beyond loopback is allowed, but must never go unnoticed. */
    private static void warnIfExposed(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                LOG.warn("quotaflow.console.host={} is not a loopback address: the console (which can stop routes and "
                        + "change limits) and /metrics are reachable from the network over plain HTTP. Restrict the "
                        + "port with a firewall and put TLS in front (a reverse proxy) if you keep it.", host);
            }
        } catch (UnknownHostException e) {
            throw new ConfigException("quotaflow.console.host", "unknown host '" + host + "'");
        }
    }
}
