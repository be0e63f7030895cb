package io.quotaflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The faults of a simulator in its own process (SimulatorMain), where the Java API is out of reach, switched over
 * HTTP at {@code /_sim/faults} as its usage text says.
 */
class FaultSwitchHttpTest {

    private static final String KEY = "switch-test-key";
    private static final String QUOTE = "/quote?symbol=IBM&apikey=" + KEY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuoteSimulator sim;
    private TestHttp http;

    @BeforeEach
    void start() {
        sim = new QuoteSimulator(SimulatorSettings.builder()
                .requests(1000).period(Duration.ofSeconds(1)).apiKeys(Set.of(KEY))
                .latency(Duration.ZERO, Duration.ZERO).inboundJitter(Duration.ZERO).unknownRate(0)
                .build()).start();
        http = new TestHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void error500MalformedAndSlowAreSwitchedOnAndOffOverHttp() throws Exception {
        assertThat(http.get("/_sim/faults").body()).as("all off at start")
                .contains("\"error500\":0.0", "\"malformed\":0.0", "\"slow\":0.0", "\"burst\":0");

        assertThat(http.post("/_sim/faults?error500=1").statusCode()).isEqualTo(200);
        assertThat(http.get(QUOTE).statusCode()).isEqualTo(500);

        assertThat(delete().statusCode()).isEqualTo(200);
        assertThat(http.get(QUOTE).statusCode()).as("DELETE switched it off").isEqualTo(200);

        http.post("/_sim/faults?malformed=1");
        HttpResponse<String> cut = http.get(QUOTE);
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(cut.body())).isInstanceOf(JsonProcessingException.class);

        HttpResponse<String> slowOn = http.post("/_sim/faults?malformed=0&slow=1&slowTime=300ms");
        assertThat(JSON.readTree(slowOn.body()).get("slowTimeMillis").asLong()).isEqualTo(300);
        long t0 = System.nanoTime();
        HttpResponse<String> slow = http.get(QUOTE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(JSON.readTree(slow.body()).get("close").decimalValue())
                .isEqualByComparingTo(QuoteSimulator.priceOf("IBM"));
    }

    @Test
    void aBurstIsANumberOf429s() throws Exception {
        http.post("/_sim/faults?burst=2");

        assertThat(http.get(QUOTE).statusCode()).isEqualTo(429);
        assertThat(http.get(QUOTE).statusCode()).isEqualTo(429);
        assertThat(http.get(QUOTE).statusCode()).isEqualTo(200);
        assertThat(sim.burstRejectedCount()).isEqualTo(2);
    }

    @Test
    void aBadSwitchIs400NamingItAndChangesNothing() throws Exception {
        HttpResponse<String> bad = http.post("/_sim/faults?error500=0.5&slow=2");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("slow", "[0, 1]");
        assertThat(sim.faults().error500Rate()).as("not half applied").isZero();

        HttpResponse<String> unknown = http.post("/_sim/faults?eror500=1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("eror500", "error500");

        assertThat(http.post("/_sim/faults?slowTime=fast").statusCode()).isEqualTo(400);
        assertThat(http.post("/_sim/faults?burst=-1").statusCode()).isEqualTo(400);
        JsonNode state = JSON.readTree(http.get("/_sim/faults").body());
        assertThat(state.get("slowTimeMillis").asLong()).isEqualTo(2000);
        assertThat(state.get("burst").asInt()).isZero();
    }

    @Test
    void resetLeavesTheFaultsOn() throws Exception {
        http.post("/_sim/faults?error500=1");
        http.post("/_sim/reset");

        assertThat(http.get(QUOTE).statusCode()).isEqualTo(500);
    }

    private HttpResponse<String> delete() throws Exception {
        return http.client().send(http.request("/_sim/faults").DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }
}
