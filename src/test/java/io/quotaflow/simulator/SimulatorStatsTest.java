package io.quotaflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The window arithmetic the tests and the benchmark judge the client by. */
class SimulatorStatsTest {

    private static final long MS = 1_000_000L;

    @Test
    void maxInAnyWindowMatchesAHandComputedExample() {
        long[] stamps = {0, 100 * MS, 200 * MS, 250 * MS, 600 * MS, 650 * MS, 700 * MS, 1000 * MS, 1001 * MS};
        // windows are (t - 500ms, t]; by hand:
        //   t=250: {0,100,200,250}            = 4
        //   t=600: {200,250,600}              = 3   (100 is exactly 500 ms old: outside)
        //   t=700: {250,600,650,700}          = 4
        //   t=1001: {600,650,700,1000,1001}   = 5   <- the maximum
        assertThat(SimulatorStats.maxInWindow(stamps, 500 * MS)).isEqualTo(5);
        assertThat(SimulatorStats.maxInWindow(stamps, 100 * MS)).isEqualTo(2); // {1000,1001}
        assertThat(SimulatorStats.maxInWindow(stamps, 2000 * MS)).isEqualTo(stamps.length);
        assertThat(SimulatorStats.maxInWindow(new long[0], 500 * MS)).isZero();
    }

    @Test
    void aSimulatorLeftRunningKeepsOnlyTheNewestRequestsButCountsThemAll() {
        SimulatorStats stats = new SimulatorStats(3);
        for (long t = 1; t <= 5; t++) {
            stats.record(new Arrival("key1", t * MS, "S" + t, 200));
        }
        assertThat(stats.requestCount()).isEqualTo(5);
        assertThat(stats.arrivals()).extracting(Arrival::symbol).containsExactly("S3", "S4", "S5");
        stats.clear();
        assertThat(stats.requestCount()).isZero();
        assertThat(stats.arrivals()).isEmpty();
    }

    @Test
    void maxInAnyWindowIsPerKeyAndIgnoresUnauthorized() {
        SimulatorStats stats = new SimulatorStats();
        for (long t : new long[] {0, 10, 20, 30}) {
            stats.record(new Arrival("key1", t * MS, "A", 200));
        }
        for (long t : new long[] {5, 15}) {
            stats.record(new Arrival("key2", t * MS, "B", 200));
        }
        for (long t : new long[] {1, 2, 3, 4, 6, 7}) {
            stats.record(new Arrival(Arrival.UNAUTHORIZED, t * MS, "C", 401));
        }

        assertThat(stats.maxInAnyWindow("key1", Duration.ofMillis(25))).isEqualTo(3);
        assertThat(stats.maxInAnyWindow("key2", Duration.ofMillis(25))).isEqualTo(2);
        assertThat(stats.maxInAnyWindow(Duration.ofMillis(25))).isEqualTo(3);
        assertThat(stats.requestCount()).isEqualTo(12);
        assertThat(stats.countFor("A")).isEqualTo(4);
        assertThat(stats.arrivals()).extracting(Arrival::nanos).isSorted();
    }
}
