package io.quotaflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void parsesDurations() {
        assertThat(SimulatorMain.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(SimulatorMain.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(SimulatorMain.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(SimulatorMain.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> SimulatorMain.parseDuration("5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parseDuration("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheDocumentedCommandLine() {
        SimulatorSettings s = SimulatorMain.parse(new String[] {
            "--port", "8089", "--requests", "22", "--period", "5s", "--keys", "demo-key,other",
            "--latency", "20ms-60ms", "--jitter", "2ms", "--nonce"});

        assertThat(s.port()).isEqualTo(8089);
        assertThat(s.requests()).isEqualTo(22);
        assertThat(s.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.apiKeys()).isEqualTo(Set.of("demo-key", "other"));
        assertThat(s.latencyMin()).isEqualTo(Duration.ofMillis(20));
        assertThat(s.latencyMax()).isEqualTo(Duration.ofMillis(60));
        assertThat(s.inboundJitter()).isEqualTo(Duration.ofMillis(2));
        assertThat(s.nonceRequired()).isTrue();
        assertThat(s.toString()).doesNotContain("demo-key");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--port"}))
                .hasMessageContaining("missing value");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--bogus"}))
                .hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--latency", "60ms-20ms"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--host", " "}))
                .hasMessageContaining("--host needs an address");
    }
}
