package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The scheduled-job route stopped (or suspended) across cron slots, then started again, as from
 * Hawtio's route buttons: the missed slots are not run late - not one at once (camel-quartz's own
 * misfire choice) nor each back to back (Quartz within its 60 s misfire threshold) - and the next
 * slot starts a job as usual. A per-second cron, so a stop of 3 s misses three slots.
 */
class StoppedScheduleTest extends ServiceTestSupport {

    private static final String CRON = "0/1 * * * * ?";
    private static final Duration STOPPED = Duration.ofMillis(3300);

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.schedule", CRON);
        oneQuickTicker(s);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void missedSlotsOfAStoppedRouteAreNotRunLate() throws Exception {
        RouteController routes = context.getRouteController();
        missedSlotsAreNotRunLate(() -> routes.stopRoute("scheduled-job"), () -> routes.startRoute("scheduled-job"), "Stopped");
    }

    @Test
    void missedSlotsOfASuspendedRouteAreNotRunLate() throws Exception {
        RouteController routes = context.getRouteController();
        missedSlotsAreNotRunLate(() -> routes.suspendRoute("scheduled-job"), () -> routes.resumeRoute("scheduled-job"), "Suspended");
    }

    interface RouteAction {
        void run() throws Exception;
    }

    private void missedSlotsAreNotRunLate(RouteAction stop, RouteAction start, String paused) throws Exception {
        CronFires fires = CronFires.recordIn(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> fires.all().size() >= 2 && gate().started() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> gate().busySince() == null);

        stop.run();
        Instant stopped = Instant.now();
        long startedBefore = gate().started();
        long skippedBefore = gate().skipped();
        long skipLinesBefore = log.count("skipped: previous run");
        long missedLinesBefore = log.count("passed without a job"); // a slot in the start-up's gap can be one
        // nothing to wait on but the clock: the slots have to pass while the route is stopped
        await().pollInterval(Duration.ofMillis(50)).atMost(STOPPED.plusSeconds(5))
                .until(() -> Instant.now().isAfter(stopped.plus(STOPPED)));
        assertThat(fires.forSlots(stopped, Instant.now())).as("no fire while stopped").isEmpty();
        assertThat(schedule()).isEqualTo(CRON + " (paused: route scheduled-job is " + paused + ")");

        Instant restarted = Instant.now();
        Instant nextSlot = new CronExpression(CRON).getNextValidTimeAfter(Date.from(restarted)).toInstant();
        start.run();
        // the first slot after the start fires as usual and starts a job
        await().atMost(Duration.ofSeconds(5)).until(() -> !fires.forSlots(nextSlot, Instant.MAX).isEmpty()
                && gate().started() > startedBefore && gate().busySince() == null);

        // a missed slot run back to back carries its own (past) slot; camel-quartz's own misfire choice
        // fires once with "now" as its slot: either is a fire before the first slot after the start
        assertThat(fires.forSlots(stopped, nextSlot)).as("fires after the stop before the next slot %s; all fires: %s",
                nextSlot, fires.all()).isEmpty();
        assertThat(schedule()).isEqualTo(CRON);
        assertThat(gate().started() - startedBefore).as("jobs since the stop: only the next slot's").isEqualTo(1);
        assertThat(gate().skipped()).as("no burst of late fires to skip").isEqualTo(skippedBefore);
        assertThat(log.count("skipped: previous run")).isEqualTo(skipLinesBefore);
        // the missed slots are not silent: one WARN for the run of them, naming the first
        assertThat(log.count("passed without a job") - missedLinesBefore).as("one line for the missed slots:%n%s", log.text())
                .isEqualTo(1);
        assertThat(log.text()).contains("MissedSlots - Schedule: the slot of ").contains("is not run late");
    }

    /** The jobs MBean's Schedule attribute, as Hawtio's JMX tab shows it. */
    private static String schedule() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(JobsControl.OBJECT_NAME), "Schedule");
    }
}
