package io.quotaflow.schedule;

import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Message;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerKey;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a cron slot passed without a job. The scheduled-job route does not run a missed slot late (its
 * misfire instruction, README "Pausing the schedule"), and Quartz does that without a word: an operator who
 * resumed the route, or whose JVM stalled over the misfire threshold at a slot, would find a job missing from
 * {@code runs/} with nothing in the log. A slot skipped because a job still ran is logged by {@link JobGate}.
 * A slot that fires but never reaches the gate is lost as well, and camel-quartz says so only in its own words
 * ("Cannot find existing QuartzEndpoint", when a saved routes/service.yaml replaces the route at that moment) or
 * at DEBUG (route stopped): a fire whose route did not reach the gate before Quartz completed it is reported here.
 */
public class MissedSlots extends TriggerListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MissedSlots.class);

    /** The trigger of routes/service.yaml's {@code quartz:quotaflow/scheduled-job} (Quartz takes the name, then the group). */
    public static final TriggerKey TRIGGER = TriggerKey.triggerKey("scheduled-job", "quotaflow");

    /** The Quartz job instances (one per fire) whose exchange reached the gate and was not yet completed. */
    private static final Set<Object> JUDGED = ConcurrentHashMap.newKeySet();

    /**
     * Called by {@link JobGate} for every trigger: when {@code in} came from this trigger's fire (camel-quartz's
     * headers name it), the fire was judged, a job started or a skip logged. By the job instance, not the thread:
     * a step of the user's in scheduled-job may hand the exchange to another thread (Quartz's waits for it).
     */
    static void reachedGate(Message in) {
        Object job = in.getHeader("jobInstance");
        if (job != null && TRIGGER.getName().equals(in.getHeader("triggerName"))
                && TRIGGER.getGroup().equals(in.getHeader("triggerGroup"))) {
            JUDGED.add(job);
        }
    }

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

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction done) {
        if (!JUDGED.remove(context.getJobInstance())) {
            Date slot = context.getScheduledFireTime();
            LOG.warn("Schedule: the slot of {} fired but reached no job - route scheduled-job was being replaced "
                    + "(routes/service.yaml saved at that moment) or a route it calls was stopped - and is not run "
                    + "late; runNow() starts one now", slot == null ? "an unknown time" : slot.toInstant());
        }
    }
}
