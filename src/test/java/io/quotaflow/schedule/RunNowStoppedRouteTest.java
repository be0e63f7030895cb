package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.ServiceTestSupport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * runNow() while an operator has stopped a route a manual job goes through (Hawtio's Stop on trigger-job or
 * run-job): the answer says what happened. With trigger-job stopped it took 30 s (the direct endpoint waits for
 * a consumer) and then said "skipped: previous run still in progress" with no job running.
 */
class RunNowStoppedRouteTest extends ServiceTestSupport {

    @Override
    protected void serviceSettings(Map<String, String> s) {
        oneQuickTicker(s);
    }

    @Test
    void runNowSaysWhichStoppedRouteKeepsItsJobFromRunning() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName jobsBean = new ObjectName(JobsControl.OBJECT_NAME);

        context.getRouteController().stopRoute("trigger-job");
        long before = System.nanoTime();
        String answer = (String) jmx.invoke(jobsBean, "runNow", null, null);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("answered at once, not after direct's timeout")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("not started: route trigger-job is Stopped (every trigger goes through it; start it)");
        assertThat(jmx.getAttribute(jobsBean, "StartedJobs")).isEqualTo(0L);
        assertThat(jmx.getAttribute(jobsBean, "SkippedTriggers")).isEqualTo(0L);

        // run-job stopped: the trigger is taken and the job waits in its queue until the route starts again
        context.getRouteController().startRoute("trigger-job");
        context.getRouteController().stopRoute("run-job");
        assertThat(jmx.invoke(jobsBean, "runNow", null, null))
                .isEqualTo("started, but waiting: route run-job is Stopped (the job runs when it is started)");
        assertThat(jmx.getAttribute(jobsBean, "Running")).isEqualTo(true);
        context.getRouteController().startRoute("run-job");
        await().atMost(Duration.ofSeconds(30)).until(() -> !(Boolean) jmx.getAttribute(jobsBean, "Running"));
        assertThat(jobs().last().summary().succeeded()).isEqualTo(1L);
        assertThat(jmx.invoke(jobsBean, "runNow", null, null)).isEqualTo("started");
    }
}
