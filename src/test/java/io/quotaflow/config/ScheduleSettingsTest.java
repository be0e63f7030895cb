package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** quotaflow.schedule is checked with Quartz's own parser and must have a slot to come; a bad value names the key. */
class ScheduleSettingsTest {

    private static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("quotaflow.schedule", "0 0/15 9-16 ? * MON-FRI");
        m.put("quotaflow.run-on-start", "true");
        m.put("quotaflow.routes.reload", "false");
        return m;
    }

    @Test
    void theDocumentedDefaultIsAValidCron() {
        ScheduleSettings s = ScheduleSettings.from(valid()::get);
        assertThat(s.cron()).isEqualTo("0 0/15 9-16 ? * MON-FRI");
        assertThat(s.runOnStart()).isTrue();
        assertThat(s.routesReload()).isFalse();
    }

    @Test
    void aUnixStyleFiveFieldCronIsRejectedNamingTheKey() {
        Map<String, String> m = valid();
        m.put("quotaflow.schedule", "*/15 9-16 * * 1-5");
        assertThatThrownBy(() -> ScheduleSettings.from(m::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.schedule: '*/15 9-16 * * 1-5' is not a Quartz cron expression")
                .hasMessageContaining("seconds first");
    }

    @Test
    void aCronWhoseLastSlotIsPastIsRejectedNamingTheKey() {
        Map<String, String> m = valid();
        m.put("quotaflow.schedule", "0 0 0 1 1 ? 2020");
        assertThatThrownBy(() -> ScheduleSettings.from(m::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.schedule: '0 0 0 1 1 ? 2020' has no slot after now, so it would never start a job;"
                        + " e.g. '0 0/15 9-16 ? * MON-FRI'");
    }

    @Test
    void aBadBooleanNamesItsKey() {
        Map<String, String> m = valid();
        m.put("quotaflow.run-on-start", "yes");
        assertThatThrownBy(() -> ScheduleSettings.from(m::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.run-on-start:");
    }
}
