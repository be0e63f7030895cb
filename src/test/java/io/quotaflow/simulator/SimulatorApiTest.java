package io.quotaflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The quote protocol of the simulator, spoken over real HTTP. */
class SimulatorApiTest {

    private static final String KEY = "s3cret-test-key-4711";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private QuoteSimulator sim;
    private TestHttp http;

    /** 5 requests per second, no latency, no jitter, no unknown symbols unless a test asks for them. */
    private static SimulatorSettings.Builder settings() {
        return SimulatorSettings.builder()
                .requests(5).period(Duration.ofSeconds(1))
                .apiKeys(Set.of(KEY))
                .latency(Duration.ZERO, Duration.ZERO).inboundJitter(Duration.ZERO)
                .unknownRate(0);
    }

    private void start(SimulatorSettings.Builder settings) {
        sim = new QuoteSimulator(settings.build()).start();
        http = new TestHttp(sim);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void answersWithTheDeterministicPrice() throws Exception {
        start(settings());

        HttpResponse<String> response = http.get("/quote?symbol=IBM&apikey=" + KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("symbol").asText()).isEqualTo("IBM");
        assertThat(body.get("currency").asText()).isEqualTo("USD");
        assertThat(body.get("close").decimalValue()).isEqualTo(QuoteSimulator.priceOf("IBM"));
        assertThat(sim.countFor("IBM")).isEqualTo(1);
    }

    @Test
    void pricesAreStableTwoDecimalValuesInRange() {
        // pinned so a change to the hash (which would silently change every expected average) is noticed
        assertThat(QuoteSimulator.priceOf("IBM")).isEqualTo(new BigDecimal("208.68"));
        assertThat(QuoteSimulator.priceOf("AAPL")).isEqualTo(new BigDecimal("689.17"));
        for (String symbol : List.of("IBM", "AAPL", "MSFT", "BRK.B", "X", "ZZZZZZZZZZZZZZZ")) {
            BigDecimal price = QuoteSimulator.priceOf(symbol);
            assertThat(price.scale()).isEqualTo(2);
            assertThat(price).isBetween(new BigDecimal("1.00"), new BigDecimal("999.99"));
        }
        assertThat(IntStream.range(0, 200).mapToObj(i -> QuoteSimulator.priceOf("S" + i)).distinct().count())
                .as("prices vary by symbol").isGreaterThan(190);
    }

    @Test
    void appliesLatencyAfterCounting() throws Exception {
        start(settings().latency(Duration.ofMillis(150), Duration.ofMillis(150)));

        long t0 = System.nanoTime();
        HttpResponse<String> response = http.get("/quote?symbol=IBM&apikey=" + KEY);
        long elapsed = System.nanoTime() - t0;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(sim.arrivals().get(0).nanos()).as("stamped on arrival, before the delay").isLessThan(t0 + elapsed
                - Duration.ofMillis(140).toNanos());
    }

    @Test
    void reportsTheTimeFromCountingToAnsweringAsServerTiming() throws Exception {
        start(settings().latency(Duration.ofMillis(150), Duration.ofMillis(150)));

        long t0 = System.nanoTime();
        HttpResponse<String> response = http.get("/quote?symbol=IBM&apikey=" + KEY);
        long elapsed = System.nanoTime() - t0;

        String timing = response.headers().firstValue("Server-Timing").orElseThrow();
        assertThat(timing).startsWith(QuoteSimulator.SERVER_TIMING_METRIC + ";dur=");
        double millis = Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
        assertThat(millis).as("at least the latency, and within the round trip").isGreaterThanOrEqualTo(150)
                .isLessThanOrEqualTo(elapsed / 1e6);
    }

    @Test
    void rejectsTheRequestBeyondTheLimitAndRecoversAfterThePeriod() throws Exception {
        start(settings());
        http.get("/_sim/stats"); // warm up client and connection, so the six quotes below fit in one window

        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> sixth = http.get("/quote?symbol=IBM&apikey=" + KEY);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JSON.readTree(sixth.body()).get("error").asText()).isEqualTo("rate limit exceeded");
        assertThat(sim.rejectedCount()).isEqualTo(1);
        assertThat(sim.maxInAnyWindow(KEY, Duration.ofSeconds(1))).as("rejected arrivals count too").isEqualTo(6);

        Thread.sleep(1_100); // let the whole window, including the rejected arrival, expire

        assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).isEqualTo(200);
        assertThat(sim.requestCount()).isEqualTo(7);
        assertThat(sim.rejectedCount()).isEqualTo(1);
    }

    @Test
    void aRetryRightAfterTheWindowsRetryAfterIsAccepted() throws Exception {
        // 3 per 2 s: a fixed "Retry-After: 1" came back while the window was still full for another second
        start(settings().requests(3).period(Duration.ofSeconds(2)));
        http.get("/_sim/stats");

        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = null;
        for (int i = 0; i < 3; i++) { // an impatient client: its rejected requests count in the window too
            refused = http.get("/quote?symbol=IBM&apikey=" + KEY);
            assertThat(refused.statusCode()).isEqualTo(429);
        }
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("at most one period: the window empties by then").isBetween(1L, 2L);

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis()); // what the client was told to wait, no more

        assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).as("the retry after Retry-After")
                .isEqualTo(200);
        assertThat(sim.rejectedCount()).isEqualTo(3);
    }

    @Test
    void concurrentBurstGetsExactlyTheLimitThrough() {
        start(settings().period(Duration.ofSeconds(10))); // long window: a loaded machine cannot stretch past it

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(http.client().sendAsync(http.request("/quote?symbol=S" + i + "&apikey=" + KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
        assertThat(sim.rejectedCount()).isEqualTo(15);
        assertThat(sim.maxInAnyWindow(Duration.ofSeconds(10))).isEqualTo(20);
    }

    @Test
    void wrongOrMissingKeyIs401AndNoKeyEverShowsInStats() throws Exception {
        start(settings());
        String wrongKey = "wrong-k3y-0815";

        HttpResponse<String> wrong = http.get("/quote?symbol=IBM&apikey=" + wrongKey);
        HttpResponse<String> missing = http.get("/quote?symbol=IBM");
        HttpResponse<String> ok = http.get("/quote?symbol=IBM&apikey=" + KEY);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"invalid api key\"}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(ok.statusCode()).isEqualTo(200);

        String stats = http.get("/_sim/stats").body();
        assertThat(stats).contains("\"key1\"").doesNotContain(KEY).doesNotContain(wrongKey);
        assertThat(sim.arrivals().toString()).doesNotContain(KEY).doesNotContain(wrongKey);
        assertThat(sim.perKeyCount()).isEqualTo(Map.of("key1", 1));
        assertThat(sim.requestCount()).isEqualTo(3);
        assertThat(sim.arrivals()).extracting(Arrival::keyLabel)
                .containsExactly(Arrival.UNAUTHORIZED, Arrival.UNAUTHORIZED, "key1");
    }

    @Test
    void anyNonBlankKeyIsAcceptedWhenNoKeysAreConfigured() throws Exception {
        start(settings().apiKeys(Set.of()));

        assertThat(http.get("/quote?symbol=IBM&apikey=alpha").statusCode()).isEqualTo(200);
        assertThat(http.get("/quote?symbol=IBM&apikey=beta").statusCode()).isEqualTo(200);
        assertThat(http.get("/quote?symbol=IBM&apikey=%20").statusCode()).isEqualTo(401);
        assertThat(sim.perKeyCount()).isEqualTo(Map.of("key1", 1, "key2", 1));
        assertThat(sim.maxInAnyWindow("beta", Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(sim.maxInAnyWindow("key2", Duration.ofSeconds(1))).isEqualTo(1);
    }

    @Test
    void nonceMustStrictlyIncrease() throws Exception {
        start(settings().requests(50).nonceRequired(true));
        String q = "/quote?symbol=IBM&apikey=" + KEY + "&nonce=";

        assertThat(http.get(q + "10").statusCode()).isEqualTo(200);
        assertThat(http.get(q + "11").statusCode()).isEqualTo(200);
        HttpResponse<String> repeated = http.get(q + "11");
        assertThat(repeated.statusCode()).isEqualTo(409);
        assertThat(repeated.body()).isEqualTo("{\"error\":\"invalid nonce\"}");
        assertThat(http.get(q + "5").statusCode()).isEqualTo(409);
        assertThat(http.get(q + "abc").statusCode()).isEqualTo(409);
        assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).isEqualTo(409);
        assertThat(http.get(q + "12").statusCode()).isEqualTo(200);
        assertThat(sim.nonceErrors()).isEqualTo(4);
    }

    @Test
    void unknownSymbolsAre404AndAlwaysTheSame() throws Exception {
        start(settings().unknownRate(0.5));
        String unknown = IntStream.range(0, 100).mapToObj(i -> "U" + i)
                .filter(s -> QuoteSimulator.isUnknown(s, 0.5)).findFirst().orElseThrow();
        String known = IntStream.range(0, 100).mapToObj(i -> "K" + i)
                .filter(s -> !QuoteSimulator.isUnknown(s, 0.5)).findFirst().orElseThrow();

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = http.get("/quote?symbol=" + unknown + "&apikey=" + KEY);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"error\":\"unknown symbol\"}");
            assertThat(http.get("/quote?symbol=" + known + "&apikey=" + KEY).statusCode()).isEqualTo(200);
        }
        assertThat(QuoteSimulator.isUnknown(unknown, 0)).isFalse();
        assertThat(QuoteSimulator.isUnknown(known, 1)).isTrue();
        long unknownOf1000 = IntStream.range(0, 1000).filter(i -> QuoteSimulator.isUnknown("T" + i, 0.03)).count();
        assertThat(unknownOf1000).as("about 3 %").isBetween(10L, 50L);
    }

    @Test
    void malformedSymbolIs400() throws Exception {
        start(settings());

        assertThat(http.get("/quote?symbol=ibm&apikey=" + KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/quote?symbol=TOOLONGSYMBOL1234&apikey=" + KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/quote?apikey=" + KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/quote?symbol=BRK.B&apikey=" + KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void resetEndpointClearsStatsAndWindows() throws Exception {
        start(settings().requests(1).period(Duration.ofSeconds(10)));
        assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).isEqualTo(200);
        assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).isEqualTo(429);

        HttpResponse<String> reset = http.post("/_sim/reset");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(sim.requestCount()).isZero();
        assertThat(sim.rejectedCount()).isZero();
        assertThat(http.get("/quote?symbol=IBM&apikey=" + KEY).statusCode()).as("window forgotten").isEqualTo(200);
    }

    @Test
    void statsEndpointReportsCounts() throws Exception {
        start(settings().requests(2).period(Duration.ofSeconds(10)));
        for (int i = 0; i < 3; i++) {
            http.get("/quote?symbol=IBM&apikey=" + KEY);
        }

        JsonNode stats = JSON.readTree(http.get("/_sim/stats").body());

        assertThat(stats.at("/limit/requests").asInt()).isEqualTo(2);
        assertThat(stats.at("/limit/periodMillis").asLong()).isEqualTo(10_000);
        assertThat(stats.get("requests").asInt()).isEqualTo(3);
        assertThat(stats.get("rejected").asInt()).isEqualTo(1);
        assertThat(stats.get("burstRejected").asInt()).isZero();
        assertThat(stats.get("nonceErrors").asInt()).isZero();
        assertThat(stats.get("maxInAnyWindow").asInt()).isEqualTo(3);
        assertThat(stats.at("/perKey/key1").asInt()).isEqualTo(3);
        assertThat(stats.at("/perKeyMaxInAnyWindow/key1").asInt()).isEqualTo(3);
        assertThat(stats.at("/statusCounts/200").asInt()).isEqualTo(2);
        assertThat(stats.at("/statusCounts/429").asInt()).isEqualTo(1);
        assertThat(stats.at("/perSymbol/IBM").asInt()).isEqualTo(3);
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        start(settings());

        assertThat(http.get("/nope").statusCode()).isEqualTo(404);
        assertThat(http.post("/quote").statusCode()).isEqualTo(405);
        assertThat(http.get("/_sim/reset").statusCode()).isEqualTo(405);
    }
}
