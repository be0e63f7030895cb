package io.quotaflow.fetch;

import java.util.Map;

/**
 * The same late-counting server, with the limiter taking the simulator's {@code Server-Timing: app}
 * (time from counting to answering) off each response: the late count moves the stamp along with it.
 */
class StallBeforeCountServerTimingTest extends StallBeforeCountTest {

    @Override
    protected void settings(Map<String, String> s) {
        super.settings(s);
        s.put("quotaflow.simulator.server-timing", "true");
    }
}
