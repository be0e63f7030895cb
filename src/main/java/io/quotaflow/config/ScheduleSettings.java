package io.quotaflow.config;

import java.text.ParseException;
import java.util.Date;
import java.util.function.Function;
import org.quartz.CronExpression;

/**
 * The service-mode settings read once at start-up: the Quartz cron of scheduled jobs, whether one
 * job starts at once, and whether edits of the route files apply live. Kept apart from
 * {@link QuotaflowSettings} because those are re-read per job, while these shape the running routes.
 */
public record ScheduleSettings(String cron, boolean runOnStart, boolean routesReload) {

    public static final String SCHEDULE = "quotaflow.schedule";
    public static final String RUN_ON_START = "quotaflow.run-on-start";
    public static final String ROUTES_RELOAD = "quotaflow.routes.reload";

    public static ScheduleSettings from(Function<String, String> lookup) {
        return new ScheduleSettings(cron(lookup.apply(SCHEDULE)), bool(lookup, RUN_ON_START), bool(lookup, ROUTES_RELOAD));
    }

    /**
     * Validated with Quartz's own parser, so what passes here is what the quartz route accepts; a cron
     * with no slot after now (a year that is past) is refused too, as Quartz refuses to schedule it.
     */
    private static String cron(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(SCHEDULE, "is not set; a Quartz cron like '0 0/15 9-16 ? * MON-FRI' (seconds first)");
        }
        String cron = value.trim();
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new ConfigException(SCHEDULE, "'" + cron + "' is not a Quartz cron expression (" + e.getMessage()
                    + "); six or seven fields, seconds first, e.g. '0 0/15 9-16 ? * MON-FRI'");
        }
        if (expression.getNextValidTimeAfter(new Date()) == null) {
            throw new ConfigException(SCHEDULE, "'" + cron + "' has no slot after now, so it would never start a job;"
                    + " e.g. '0 0/15 9-16 ? * MON-FRI'");
        }
        return cron;
    }

    private static boolean bool(Function<String, String> lookup, String key) {
        return Switch.parse(key, lookup.apply(key));
    }
}
