package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service (its own JVM, service mode, ./routes, embedded simulator, 2 keys at 10 per second) with the
 * console on a free loopback port: login on Jolokia, Camel route statistics after the first job, viewer refused
 * on route stop and on setLimit, the limiter MBean moving during the job, /metrics with the same per-key numbers
 * as JMX, /health UP without login, and no secret in what the process printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringServiceTest {

    static final String KEY1 = "io.quotaflow:type=limiter,key=key1";
    static final String CURRENT_JOB = "io.quotaflow:type=job,name=current";
    static final String LAST_JOB = "io.quotaflow:type=job,name=last";
    static final int TICKERS = 160; // 8 s at 2 x 10/s: long enough to watch the limiter while the job runs

    @TempDir
    static Path dir;

    static QuotaflowService app;
    static JolokiaClient jolokia;
    static String op;
    static String opPassword;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<JsonNode> samplesWhileRunning = new ArrayList<>();

    @BeforeAll
    static void startService() throws Exception {
        app = new QuotaflowService(dir, TICKERS, Map.of()).awaitUp();
        jolokia = new JolokiaClient(app.consoleUrl());
        String[] account = app.operator();
        op = account[0];
        opPassword = account[1];
    }

    @AfterAll
    static void stopService() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void healthIsUpWithoutLoginAndRevealsNothing() throws Exception {
        HttpResponse<String> health = get("/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"camel\":\"Started\"")
                .doesNotContain("fetch-quote").doesNotContain("key1");
    }

    @Test
    @Order(2)
    void consoleJolokiaAndMetricsNeedLogin() throws Exception {
        assertThat(jolokia.get(null, null).httpStatus()).isIn(401, 403);
        assertThat(jolokia.get(op, opPassword + "x").httpStatus()).isIn(401, 403);
        assertThat(jolokia.get(op, opPassword).httpStatus()).isEqualTo(200);
        assertThat(get("/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", op, "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", QuotaflowService.VIEWER, QuotaflowService.VIEWER_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void limiterMBeanMovesWhileTheFirstJobRuns() throws Exception {
        // the first job starts with the service; sample the key and the job in one bulk read until it is done
        JsonNode first = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                MonitoringServiceTest::sample,
                s -> s.job.path("State").asText().equals("RUNNING") && s.key.path("SentLastMinute").asInt() > 0).key;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Sample s = sample();
            if (s.job.path("State").asText().equals("RUNNING")) {
                samplesWhileRunning.add(s.key);
                return false;
            }
            return true;
        });
        assertThat(samplesWhileRunning).as("readings taken while the job ran").hasSizeGreaterThan(3);
        for (JsonNode k : samplesWhileRunning) {
            assertThat(k.path("Limit").asInt()).isEqualTo(QuotaflowService.LIMIT);
            assertThat(k.path("RequestsInWindow").asInt()).as("requests in window never above the limit: %s", k)
                    .isBetween(0, QuotaflowService.LIMIT);
            assertThat(k.path("Key").asText()).isEqualTo("key1");
        }
        long firstSent = first.path("SentTotal").asLong();
        long maxSent = samplesWhileRunning.stream().mapToLong(k -> k.path("SentTotal").asLong()).max().orElse(0);
        assertThat(maxSent).as("sends keep rising during the job").isGreaterThan(firstSent);
        assertThat(samplesWhileRunning.stream().mapToInt(k -> k.path("RequestsInWindow").asInt()).max().orElse(0))
                .as("the key was seen busy").isPositive();

        // the job leaves RUNNING a moment before it is filed as the last job
        JsonNode last = await().atMost(Duration.ofSeconds(10)).until(
                () -> jolokia.readAll(op, opPassword, LAST_JOB).value(), l -> !l.path("Status").asText().isEmpty());
        assertThat(last.path("Status").asText()).isEqualTo("completed");
        assertThat(last.path("Total").asLong() + last.path("Invalid").asLong()).isEqualTo(TICKERS);
        assertThat(last.path("Succeeded").asLong()).isPositive();
        assertThat(last.path("AveragePrice").asText()).matches("\\d+\\.\\d{6}");
    }

    @Test
    @Order(4)
    void operatorReadsCamelRouteStatisticsAfterTheFirstJob() throws Exception {
        for (String route : List.of("fetch-quote", "call-api", "quote-job")) {
            JolokiaClient.Reply reply = jolokia.read(op, opPassword,
                    "org.apache.camel:type=routes,name=\"" + route + "\",*", "ExchangesCompleted");
            assertThat(reply.httpStatus()).isEqualTo(200);
            assertThat(reply.jolokiaStatus()).as("%s", reply.body()).isEqualTo(200);
            JsonNode perMBean = reply.value().elements().next();
            assertThat(perMBean.path("ExchangesCompleted").asLong()).as(route).isPositive();
        }
        long fetched = routeAttribute("fetch-quote", "ExchangesCompleted").asLong();
        assertThat(fetched).as("one fetch-quote exchange per valid ticker").isEqualTo(
                jolokia.readAll(op, opPassword, LAST_JOB).value().path("Total").asLong());
    }

    @Test
    @Order(5)
    void viewerReadsButCannotStopARouteOrChangeALimit() throws Exception {
        String routeMBean = routeMBean("fetch-quote");
        JolokiaClient.Reply read = jolokia.read(QuotaflowService.VIEWER, QuotaflowService.VIEWER_PASSWORD, routeMBean, "State");
        assertThat(read.value().asText()).isEqualTo("Started");

        JolokiaClient.Reply stop = jolokia.exec(QuotaflowService.VIEWER, QuotaflowService.VIEWER_PASSWORD, routeMBean, "stop()");
        assertThat(stop.jolokiaStatus()).as("viewer's stop must be refused: %s", stop.body()).isEqualTo(403);
        assertThat(jolokia.read(op, opPassword, routeMBean, "State").value().asText()).isEqualTo("Started");

        JolokiaClient.Reply setLimit = jolokia.exec(QuotaflowService.VIEWER, QuotaflowService.VIEWER_PASSWORD, KEY1,
                "setLimit(int)", 3);
        assertThat(setLimit.jolokiaStatus()).as("viewer's setLimit must be refused: %s", setLimit.body()).isEqualTo(403);
        assertThat(jolokia.read(op, opPassword, KEY1, "Limit").value().asInt()).isEqualTo(QuotaflowService.LIMIT);
    }

    @Test
    @Order(6)
    void operatorChangesALimitAtRuntime() throws Exception {
        JolokiaClient.Reply set = jolokia.exec(op, opPassword, KEY1, "setLimit(int)", 7);
        assertThat(set.jolokiaStatus()).as("%s", set.body()).isEqualTo(200);
        assertThat(set.value().asText()).isEqualTo("key1 limit is now 7 per 1s");
        assertThat(jolokia.read(op, opPassword, KEY1, "Limit").value().asInt()).isEqualTo(7);
        assertThat(jolokia.read(op, opPassword, "io.quotaflow:type=limiter,key=key2", "Limit").value().asInt())
                .isEqualTo(QuotaflowService.LIMIT);
        assertThat(metric("quotaflow_limiter_limit{key=\"key1\"}")).isEqualTo(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> app.printed().contains("Limit of key1 changed from 10 to 7"));
    }

    @Test
    @Order(7)
    void metricsShowTheSameNumbersAsTheMBeans() throws Exception {
        // the job is over, so totals are stable; read JMX and scrape, then compare per key
        for (String key : List.of("key1", "key2")) {
            JsonNode jmx = jolokia.readAll(op, opPassword, "io.quotaflow:type=limiter,key=" + key).value();
            String label = "{key=\"" + key + "\"}";
            assertThat(metric("quotaflow_limiter_sends" + label)).isEqualTo(jmx.path("SentTotal").asDouble()).isPositive();
            assertThat(metric("quotaflow_limiter_limit" + label)).isEqualTo(jmx.path("Limit").asDouble());
            assertThat(metric("quotaflow_limiter_rate_limited_responses" + label))
                    .isEqualTo(jmx.path("RateLimitedResponses").asDouble());
            assertThat(metric("quotaflow_limiter_requests_in_window" + label)).isBetween(0.0, (double) QuotaflowService.LIMIT);
        }
        JsonNode last = jolokia.readAll(op, opPassword, LAST_JOB).value();
        assertThat(metric("quotaflow_last_job_succeeded")).isEqualTo(last.path("Succeeded").asDouble());
        assertThat(metric("quotaflow_last_job_requests")).isEqualTo(last.path("Requests").asDouble());
        assertThat(metric("quotaflow_job_running")).isZero();
        JsonNode current = jolokia.readAll(op, opPassword, CURRENT_JOB).value();
        assertThat(current.path("State").asText()).isEqualTo("IDLE");
    }

    @Test
    @Order(8)
    void noSecretInLogsMetricsOrJmx() throws Exception {
        String printed = app.printed();
        String metrics = get("/metrics", op, opPassword).body();
        String jmx = jolokia.readAll(op, opPassword, "io.quotaflow:*").body().toString();
        for (String secret : QuotaflowService.API_KEYS) {
            assertThat(printed).doesNotContain(secret);
            assertThat(metrics).doesNotContain(secret);
            assertThat(jmx).doesNotContain(secret);
        }
        assertThat(printed).doesNotContain(QuotaflowService.VIEWER_PASSWORD);
        // the generated operator password: the service's output goes to a file here (not a terminal), which is
        // as good as a log: only where the password is stored is printed
        assertThat(printed).doesNotContain(opPassword)
                .contains("generated password stored owner-only in " + app.credentials)
                .contains("(not printed: the output is not a terminal)");
    }

    @Test
    @Order(9)
    void healthGoesDownWhenAnOperatorStopsARouteAndUpAgain() throws Exception {
        String routeMBean = routeMBean("fetch-quote");
        assertThat(jolokia.exec(op, opPassword, routeMBean, "stop()").jolokiaStatus()).isEqualTo(200);
        HttpResponse<String> down = get("/health", null, null);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"");

        assertThat(jolokia.exec(op, opPassword, routeMBean, "start()").jolokiaStatus()).isEqualTo(200);
        HttpResponse<String> up = get("/health", null, null);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\":\"UP\"");
    }

    // --- helpers ---

    /** One Jolokia bulk request: key1's attributes and the current job's, read in the same round trip. */
    record Sample(JsonNode key, JsonNode job) {
    }

    static Sample sample() throws IOException, InterruptedException {
        return new Sample(jolokia.readAll(op, opPassword, KEY1).value(), jolokia.readAll(op, opPassword, CURRENT_JOB).value());
    }

    static String routeMBean(String route) throws Exception {
        JolokiaClient.Reply reply = jolokia.read(op, opPassword, "org.apache.camel:type=routes,name=\"" + route + "\",*", "State");
        return reply.value().fieldNames().next();
    }

    static JsonNode routeAttribute(String route, String attribute) throws Exception {
        return jolokia.read(op, opPassword, routeMBean(route), attribute).value();
    }

    static double metric(String series) throws Exception {
        String body = get("/metrics", op, opPassword).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as("%s in\n%s", series, body).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (user != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
