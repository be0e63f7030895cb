package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.support.LogLines;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The no-overlap gate alone (ScheduledRunsTest and LiveRouteEditTest drive it through the routes): one job at a time,
 * a trigger that finds it busy skipped and counted, and a route reload that holds it like a job.
 */
class JobGateTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final JobGate gate = new JobGate();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private Exchange trigger(String what) {
        Exchange x = new DefaultExchange(camel);
        if (what != null) {
            x.getIn().setHeader(JobGate.TRIGGER, what);
        }
        return x;
    }

    @Test
    void oneJobAtATimeAndTheOthersAreSkippedAndCounted() {
        assertThat(gate.busySince()).isNull();
        Exchange first = trigger(null);
        assertThat(gate.tryStart(first)).isTrue();
        assertThat(first.getProperty(JobGate.STARTED, Boolean.class)).isTrue();
        assertThat(gate.busySince()).isNotNull();
        assertThat(gate.holder()).isEqualTo("job");

        Exchange second = trigger("manual");
        assertThat(gate.tryStart(second)).isFalse();
        assertThat(second.getProperty(JobGate.STARTED, Boolean.class)).isFalse();
        assertThat(gate.tryStart(trigger("schedule"))).isFalse();
        assertThat(gate.tryHold("route reload")).as("no reload during a job").isFalse();
        assertThat(gate.skipped()).isEqualTo(2);
        assertThat(gate.started()).isEqualTo(1);

        gate.done();
        assertThat(gate.busySince()).isNull();
        assertThat(gate.holder()).isNull();
        assertThat(gate.tryStart(trigger("manual"))).isTrue();
        assertThat(gate.started()).isEqualTo(2);
    }

    @Test
    void aReloadHoldsTheGateLikeAJob() {
        assertThat(gate.tryHold("route reload")).isTrue();
        assertThat(gate.holder()).isEqualTo("route reload");
        assertThat(gate.tryStart(trigger("schedule"))).isFalse();
        assertThat(gate.tryHold("route reload")).isFalse();
        gate.release();
        assertThat(gate.tryStart(trigger("schedule"))).isTrue();
    }

    @Test
    void whatRunsAfterAJobHoldsTheGateUntilItLetsGo() {
        AtomicReference<Runnable> taken = new AtomicReference<>();
        AtomicReference<String> holderDuringHook = new AtomicReference<>();
        gate.afterJob(release -> {
            holderDuringHook.set(gate.holder());
            taken.set(release);
            return true; // e.g. route edits applied on another thread
        });
        gate.tryStart(trigger(null));
        gate.done();

        assertThat(holderDuringHook).hasValue("route reload");
        assertThat(gate.tryStart(trigger("schedule"))).as("still held by the hook").isFalse();
        taken.get().run();
        assertThat(gate.tryStart(trigger("schedule"))).isTrue();
    }

    @Test
    void aHookThatDoesNotTakeOverOrFailsStillLetsTheGateGo() {
        gate.afterJob(release -> false);
        gate.tryStart(trigger(null));
        gate.done();
        assertThat(gate.busySince()).isNull();

        gate.afterJob(release -> {
            throw new IllegalStateException("reload failed");
        });
        gate.tryStart(trigger(null));
        assertThatThrownBy(gate::done).hasMessage("reload failed"); // the caller's to log
        assertThat(gate.busySince()).as("never stuck closed").isNull();
    }

    @Test
    void aSkippedTriggerIsLoggedNamingWhatFiredItAndWhatHoldsTheGate() {
        try (LogLines log = new LogLines()) {
            gate.tryStart(trigger(null));
            gate.tryStart(trigger("manual"));
            gate.release();
            gate.tryHold("route reload");
            gate.tryStart(trigger(null));
            assertThat(log.text()).contains("Job (manual trigger) skipped: previous run still in progress since ")
                    .contains("(1 skipped so far)")
                    .contains("Job (schedule trigger) skipped: previous route reload still in progress since ")
                    .contains("(2 skipped so far)");
        }
    }

    @Test
    void theStartUpRunHappensOnce() {
        assertThat(gate.firstStartUp()).isTrue();
        assertThat(gate.firstStartUp()).isFalse();
    }
}
