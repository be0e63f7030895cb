package io.quotaflow.fetch;

import java.util.Map;

/** The same promise with slots stamped at the response (what quotaflow does when an API reports no Server-Timing). */
class LimitAtServerResponseStampTest extends LimitAtServerTest {

    @Override
    protected void settings(Map<String, String> s) {
        super.settings(s);
        s.put("quotaflow.simulator.server-timing", "false");
    }
}
