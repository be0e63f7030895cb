package io.quotaflow.schedule;

/** The JMX face of the scheduler ({@code io.quotaflow:type=jobs}), visible in Hawtio's JMX tab. */
public interface JobsControlMBean {

    /** Starts a job now, under the same no-overlap rule as the schedule; says whether it started. */
    String runNow();

    boolean isRunning();

    /** ISO instant the running job started, or empty when idle. */
    String getRunningSince();

    long getSkippedTriggers();

    long getStartedJobs();

    /** The cron of the scheduled-job route as it runs now; "(paused: ...)" after it while the route is stopped or suspended. */
    String getSchedule();
}
