package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cron slot that fires but never reaches the job gate is lost: camel-quartz says so only in its own words
 * ("Cannot find existing QuartzEndpoint" while a saved service.yaml replaces the route) or not at all above
 * DEBUG. Here the fires find route trigger-job stopped (direct: gives up after 200 ms), which loses every slot
 * the same way, and on cue: each lost slot gets one WARN of ours, a slot that reached the gate none.
 */
class UnreachedSlotTest extends ServiceTestSupport {

    private static final String LOST = "fired but reached no job";

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        s.put("quotaflow.schedule", "0/1 * * * * ?");
        s.put("camel.component.direct.timeout", "200");
        oneQuickTicker(s);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void aSlotThatReachesNoJobIsReportedAndOneThatDoesIsNot() throws Exception {
        // slots that reach the gate, starting a job or skipped because one runs: no line
        await().atMost(Duration.ofSeconds(15)).until(() -> gate().started() >= 1 && judged() >= 3);
        assertThat(log.count(LOST)).as(log.text()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> gate().busySince() == null);
        context.getRouteController().stopRoute("trigger-job");
        long judged = judged();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.count(LOST) >= 2);
        assertThat(judged()).as("the lost slots were judged by no gate").isEqualTo(judged);
        assertThat(log.text()).contains("MissedSlots - Schedule: the slot of ").contains("is not run late");

        context.getRouteController().startRoute("trigger-job");
        long started = gate().started();
        await().atMost(Duration.ofSeconds(10)).until(() -> gate().started() > started);
        long lost = log.count(LOST);
        await().atMost(Duration.ofSeconds(10)).until(() -> judged() >= judged + 3);
        assertThat(log.count(LOST)).as("slots reach the gate again: no more lines%n%s", log.text()).isEqualTo(lost);
    }

    private long judged() {
        return gate().started() + gate().skipped();
    }
}
