package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The cron written into routes/service.yaml while the service runs (the way to change the schedule
 * without a restart): the route reload replaces the Quartz trigger - the new cron fires, the old one
 * never again, one trigger in the scheduler - and the jobs MBean's Schedule says what runs. A cron
 * that cannot be scheduled is reported and the previous one keeps running.
 */
class ScheduleEditTest extends ServiceTestSupport {

    private static final String PLACEHOLDER = "\"{{quotaflow.schedule}}\"";
    private static final String EVERY_SECOND = "0/1 * * * * ?";
    private static final String FAR_AWAY = "0 0 0 1 1 ? 2098";

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        oneQuickTicker(s);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void aCronWrittenIntoServiceYamlReplacesTheTrigger() throws Exception {
        CronFires fires = CronFires.recordIn(context);
        assertThat(schedule()).isEqualTo("0 0 0 1 1 ? 2099");
        assertThat(readRoute("service.yaml")).contains(PLACEHOLDER);

        writeRoute("service.yaml", readRoute("service.yaml").replace(PLACEHOLDER, "\"" + EVERY_SECOND + "\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("service.yaml applied") == 1);
        assertThat(triggers()).containsExactly("quotaflow.scheduled-job " + EVERY_SECOND);
        assertThat(schedule()).isEqualTo(EVERY_SECOND);
        await().atMost(Duration.ofSeconds(10)).until(() -> fires.all().size() >= 2 && gate().started() >= 2);

        writeRoute("service.yaml", readRoute("service.yaml").replace(EVERY_SECOND, FAR_AWAY));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("service.yaml applied") == 2);
        Instant applied = Instant.now();
        assertThat(triggers()).containsExactly("quotaflow.scheduled-job " + FAR_AWAY);
        assertThat(schedule()).isEqualTo(FAR_AWAY);
        long started = gate().started();
        // nothing to wait on but the clock: two slots of the old cron have to pass
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(applied.plusMillis(2500)));
        assertThat(fires.all()).as("the old cron fires no more").allMatch(f -> f.fired().isBefore(applied));
        assertThat(gate().started()).isEqualTo(started);
        await().atMost(Duration.ofSeconds(10)).until(() -> gate().busySince() == null);
    }

    @Test
    void aCronThatCannotBeScheduledKeepsThePreviousOne() throws Exception {
        String original = readRoute("service.yaml");
        writeRoute("service.yaml", original.replace(PLACEHOLDER, "\"0/1 * * * *\""));
        // each WARN comes before the previous version is loaded again (which schedules its trigger anew)
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("service.yaml NOT applied") == 1
                && log.count("service.yaml restored and running") == 1);
        writeRoute("service.yaml", original.replace(PLACEHOLDER, "\"0 0 0 1 1 ? 2020\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("service.yaml NOT applied") == 2
                && log.count("service.yaml restored and running") == 2);

        assertThat(triggers()).containsExactly("quotaflow.scheduled-job 0 0 0 1 1 ? 2099");
        assertThat(schedule()).isEqualTo("0 0 0 1 1 ? 2099");
    }

    /** Documented, not chosen: Camel's reload loads the file's routes anew, and a new route starts. */
    @Test
    void anEditOfServiceYamlStartsAPausedScheduleAgain() throws Exception {
        context.getRouteController().stopRoute(JobsControl.SCHEDULED_ROUTE);
        assertThat(schedule()).isEqualTo("0 0 0 1 1 ? 2099 (paused: route scheduled-job is Stopped)");

        writeRoute("service.yaml", readRoute("service.yaml").replace(PLACEHOLDER, "\"" + FAR_AWAY + "\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("service.yaml applied") == 1);
        assertThat(context.getRouteController().getRouteStatus(JobsControl.SCHEDULED_ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(schedule()).isEqualTo(FAR_AWAY);
        assertThat(triggers()).containsExactly("quotaflow.scheduled-job " + FAR_AWAY);
    }

    private static String schedule() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        return (String) jmx.getAttribute(new ObjectName(JobsControl.OBJECT_NAME), "Schedule");
    }

    /** Every trigger in the service's Quartz scheduler: its key and cron. */
    private List<String> triggers() throws Exception {
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        return scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup()).stream().map(k -> {
            try {
                return k + " " + ((CronTrigger) scheduler.getTrigger(k)).getCronExpression();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
