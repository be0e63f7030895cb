package io.quotaflow.schedule;

import java.util.Date;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a cron slot passed without a job. The scheduled-job route does not run a missed slot late (its
 * misfire instruction, README "Pausing the schedule"), and Quartz does that without a word: an operator who
 * resumed the route, or whose JVM stalled over the misfire threshold at a slot, would find a job missing from
 * {@code runs/} with nothing in the log. A slot skipped because a job still ran is logged by {@link JobGate}.
 */
public class MissedSlots extends TriggerListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MissedSlots.class);

    /** The trigger of routes/service.yaml's {@code quartz:quotaflow/scheduled-job} (Quartz takes the name, then the group). */
    public static final TriggerKey TRIGGER = TriggerKey.triggerKey("scheduled-job", "quotaflow");

    @Override
    public String getName() {
        return "quotaflow-missed-slots";
    }

    /** Quartz calls this once for a run of missed slots, with the first of them as the trigger's next fire time. */
    @Override
    public void triggerMisfired(Trigger trigger) {
        Date missed = trigger.getNextFireTime();
        LOG.warn("Schedule: the slot of {} (and any after it until now) passed without a job - route scheduled-job "
                + "was stopped or suspended, the service was starting, or the JVM stalled - and is not run late; "
                + "runNow() starts one now",
                missed == null ? "an unknown time" : missed.toInstant());
    }
}
