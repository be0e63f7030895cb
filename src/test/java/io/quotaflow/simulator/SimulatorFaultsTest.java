package io.quotaflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault switch, flipped on a running simulator (through the Java API, or over HTTP at {@code /_sim/faults}),
 * produces its effect on the wire.
 */
class SimulatorFaultsTest {

    private static final String KEY = "fault-test-key";
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
    void faultsCanBeFlippedWhileRunning() throws Exception {
        assertThat(http.get(QUOTE).statusCode()).isEqualTo(200);

        sim.faults().error500Rate(1);
        HttpResponse<String> failing = http.get(QUOTE);
        assertThat(failing.statusCode()).isEqualTo(500);
        assertThat(failing.body()).isEqualTo("{\"error\":\"internal server error\"}");

        sim.faults().clear();
        assertThat(http.get(QUOTE).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedIs200WithBrokenJson() throws Exception {
        sim.faults().malformedRate(1);

        HttpResponse<String> response = http.get(QUOTE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void missingPriceIs200WithoutClose() throws Exception {
        sim.faults().missingPriceRate(1);

        HttpResponse<String> response = http.get(QUOTE);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("symbol").asText()).isEqualTo("IBM");
        assertThat(body.has("close")).isFalse();
    }

    @Test
    void bodyRateLimitIs200WithANote() throws Exception {
        sim.faults().bodyRateLimitRate(1);

        HttpResponse<String> response = http.get(QUOTE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("Note").asText())
                .startsWith("Thank you for using our API!").contains("call frequency");
    }

    @Test
    void resetIsSeenByTheJdkClientAsAnIOException() {
        sim.faults().resetRate(1);

        assertThatThrownBy(() -> http.get(QUOTE)).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        // the JDK client silently retries a GET once when the connection dies, so the server may see two
        assertThat(sim.statusCounts().get(Arrival.NO_RESPONSE)).isBetween(1, 2);
        assertThat(sim.statusCounts()).containsOnlyKeys(Arrival.NO_RESPONSE);
    }

    @Test
    void resetIsSeenByApacheHttpClientAsNoResponse() throws Exception {
        sim.faults().resetRate(1);

        // the client camel-http uses: it must fail, not hang and not invent a response
        try (CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build()) {
            assertThatThrownBy(() -> client.execute(new HttpGet(sim.baseUrl() + QUOTE), r -> r.getCode()))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getClass().getSimpleName() + ": " + e.getMessage())
                            .containsAnyOf("NoHttpResponseException", "Connection reset"));
        }
    }

    @Test
    void hangOutlastsTheClientTimeoutAndDoesNotDelayClose() throws Exception {
        sim.faults().hangRate(1).hangTime(Duration.ofSeconds(30));

        assertThatThrownBy(() -> http.get(QUOTE, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.requestCount()).isEqualTo(1);

        long t0 = System.nanoTime();
        sim.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void slowAnswersCorrectlyButLate() throws Exception {
        sim.faults().slowRate(1).slowTime(Duration.ofMillis(200));

        long t0 = System.nanoTime();
        HttpResponse<String> response = http.get(QUOTE);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("close").decimalValue()).isEqualByComparingTo(
                QuoteSimulator.priceOf("IBM"));
    }

    @Test
    void rateLimitBurstThrottlesTheNextRequestsRegardlessOfTheWindow() throws Exception {
        sim.faults().rateLimitBurst(2);

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = http.get(QUOTE);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        }
        assertThat(http.get(QUOTE).statusCode()).isEqualTo(200);
        assertThat(sim.burstRejectedCount()).isEqualTo(2);
        assertThat(sim.rejectedCount()).as("not the client's fault").isZero();
    }

    @Test
    void ratesStackInDeclarationOrder() {
        Faults faults = new Faults().error500Rate(0.1).malformedRate(0.2).resetRate(0.3);

        assertThat(faults.pick(0.05)).isEqualTo(Faults.Fault.ERROR_500);
        assertThat(faults.pick(0.25)).isEqualTo(Faults.Fault.MALFORMED);
        assertThat(faults.pick(0.45)).isEqualTo(Faults.Fault.RESET);
        assertThat(faults.pick(0.65)).isEqualTo(Faults.Fault.NONE);
        assertThatThrownBy(() -> faults.hangRate(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    // the same switches over HTTP at /_sim/faults, for a simulator in its own process (SimulatorMain), where the
    // Java API is out of reach

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
