package io.quotaflow.fetch;

import io.quotaflow.simulator.Arrival;
import io.quotaflow.support.QuotaflowTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeTest extends QuotaflowTestSupport {
    @Override
    protected void settings(Map<String, String> s) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < 1000; i++) t.add("T" + i);
        s.put("quotaflow.tickers", writeTickers("t.txt", t).toString());
        s.put("quotaflow.api.keys", "k1,k2,k3,k4,k5");
        s.put("quotaflow.rate.requests", "20");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.latency-min", "20ms");
        s.put("quotaflow.simulator.latency-max", "60ms");
        s.put("quotaflow.simulator.unknown-rate", "0");
    }

    @Test
    void probe() {
        runJob();
        var sim = simulator();
        System.out.println("PROBE rejected " + sim.rejectedCount() + " max " + sim.maxInAnyWindow(Duration.ofSeconds(1)));
        List<Arrival> arr = sim.arrivals();
        long t0 = arr.get(0).nanos();
        for (Arrival a : arr) System.out.println("ARR " + a.keyLabel() + " " + (a.nanos() - t0) / 1000 + " " + a.status());
    }
}
