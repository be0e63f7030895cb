package io.quotaflow.job;

import java.util.Map;

/**
 * {@link SedaQueueSettingsTest} with {@code camel.component.seda.defaultDiscardWhenFull=true} as well: before the fix
 * the lines the full queue discarded never got an outcome, and the split waited for them for ever (the job never
 * ended, no summary, no row for them).
 */
class SedaDiscardWhenFullTest extends SedaQueueSettingsTest {

    @Override
    void moreSedaSettings(Map<String, String> s) {
        s.put("camel.component.seda.defaultDiscardWhenFull", "true");
    }
}
