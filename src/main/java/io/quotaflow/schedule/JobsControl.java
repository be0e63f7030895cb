package io.quotaflow.schedule;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Registers {@code io.quotaflow:type=jobs} in the platform MBean server (the one Hawtio's Jolokia
 * reads) while the service runs. {@link #runNow} goes through the same trigger route as the cron,
 * so a manual run obeys the same never-two-at-once rule.
 */
public class JobsControl extends ServiceSupport implements JobsControlMBean {

    public static final String OBJECT_NAME = "io.quotaflow:type=jobs";
    public static final String TRIGGER_URI = "direct:trigger-job";

    /** The routes of routes/service.yaml every trigger goes through, and the one that runs the job. */
    static final String TRIGGER_ROUTE = "trigger-job";
    static final String RUN_ROUTE = "run-job";

    /** The route of routes/service.yaml whose Quartz trigger runs the schedule. */
    public static final String SCHEDULED_ROUTE = "scheduled-job";

    private final CamelContext context;
    private final JobGate gate;
    private ProducerTemplate template;

    public JobsControl(CamelContext context, JobGate gate) {
        this.context = context;
        this.gate = gate;
    }

    /**
     * A route an operator stopped in the console is named in the answer: with trigger-job stopped the
     * direct endpoint would wait 30 s for a consumer and fail, which read as "skipped"; with run-job stopped
     * the job is taken but waits in its queue (holding the gate) until the route starts again.
     */
    @Override
    public String runNow() {
        ServiceStatus trigger = context.getRouteController().getRouteStatus(TRIGGER_ROUTE);
        if (trigger != ServiceStatus.Started) {
            return "not started: route " + TRIGGER_ROUTE + " is " + describe(trigger)
                    + " (every trigger goes through it; start it)";
        }
        Exchange done = template.request(TRIGGER_URI, e -> e.getIn().setHeader(JobGate.TRIGGER, "manual"));
        if (done.getException() != null) {
            // e.g. the route stopped between the check and the call; Camel has logged the exception
            return "not started: the trigger failed (" + done.getException().getClass().getSimpleName() + "), see the log";
        }
        if (done.getProperty(JobGate.STARTED, false, Boolean.class)) {
            ServiceStatus run = context.getRouteController().getRouteStatus(RUN_ROUTE);
            return run == ServiceStatus.Started ? "started"
                    : "started, but waiting: route " + RUN_ROUTE + " is " + describe(run) + " (the job runs when it is started)";
        }
        // the log line's words: the time in milliseconds, and a route reload named as such
        return "skipped: " + gate.busyText();
    }

    private static String describe(ServiceStatus status) {
        return status == null ? "not loaded" : status.name();
    }

    @Override
    public boolean isRunning() {
        return gate.busySince() != null;
    }

    @Override
    public String getRunningSince() {
        Instant since = gate.busySince();
        return since == null ? "" : since.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public long getSkippedTriggers() {
        return gate.skipped();
    }

    @Override
    public long getStartedJobs() {
        return gate.started();
    }

    /**
     * Read from the running route, not from quotaflow.schedule: a cron written into service.yaml
     * applies live, and a route stopped in Hawtio fires nothing whatever the setting says.
     */
    @Override
    public String getSchedule() {
        Route route = context.getRoute(SCHEDULED_ROUTE);
        if (route == null) {
            return "none: route " + SCHEDULED_ROUTE + " is not loaded";
        }
        String cron = route.getEndpoint() instanceof QuartzEndpoint quartz ? quartz.getCron() : route.getEndpoint().getEndpointUri();
        ServiceStatus status = context.getRouteController().getRouteStatus(SCHEDULED_ROUTE);
        return status == ServiceStatus.Started ? cron : cron + " (paused: route " + SCHEDULED_ROUTE + " is " + status + ")";
    }

    @Override
    protected void doStart() throws Exception {
        template = context.createProducerTemplate();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            // a previous context in this JVM (tests) that did not stop cleanly
            server.unregisterMBean(name);
        }
        server.registerMBean(this, name);
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        if (template != null) {
            template.close();
        }
    }
}
