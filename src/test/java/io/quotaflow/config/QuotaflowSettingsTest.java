package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.support.PackagedDefaults;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad value is refused with a message that names the key and what is allowed. */
class QuotaflowSettingsTest {

    private final Map<String, String> values = new HashMap<>();

    @BeforeEach
    void defaults() {
        Properties p = PackagedDefaults.load();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
    }

    private QuotaflowSettings read() {
        return QuotaflowSettings.from(values::get);
    }

    @Test
    void theShippedDefaultsAreValid() {
        QuotaflowSettings s = read();
        assertThat(s.rateRequests()).isEqualTo(22);
        assertThat(s.ratePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.simulated()).isTrue();
        assertThat(s.apiKeys()).containsExactly("demo-key");
        assertThat(s.symbolPattern().matcher("BRK.B").matches()).isTrue();
        assertThat(s.symbolPattern().matcher("../X").matches()).isFalse();
        assertThat(s.symbolPattern().pattern()).as("the one TickerLines explains").isEqualTo(
                io.quotaflow.fetch.TickerLines.DEFAULT_SYMBOL);
    }

    @Test
    void theServerTimingMetricIsTheSimulatorsOnlyWhenTheSimulatorIsTheApi() {
        assertThat(read().serverTiming()).isEqualTo("app");
        values.put("quotaflow.simulator.server-timing", "false");
        assertThat(read().serverTiming()).as("stamped at the response").isEmpty();

        values.put("quotaflow.simulator.server-timing", "true");
        values.put("quotaflow.api.url", "https://api.example.com/q?s={ticker}&k={apiKey}");
        assertThat(read().serverTiming()).as("a real API reports nothing unless configured").isEmpty();
        values.put("quotaflow.api.server-timing", " edge ");
        assertThat(read().serverTiming()).isEqualTo("edge");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quotaflow.rate.requests|-1|out of range",
        "quotaflow.rate.requests|many|not a whole number",
        "quotaflow.rate.period|5 seconds|not a duration",
        "quotaflow.rate.period|0s|longer than 0ms",
        "quotaflow.api.url|http://host/quote?symbol=AAPL|must contain {ticker}",
        "quotaflow.api.url|ftp://host/{ticker}|http:// or https://",
        // the scheme forgotten: an IP address with a port read as a scheme gave "Illegal character in scheme name"
        "quotaflow.api.url|127.0.0.1:8080/q?s={ticker}|must be an http:// or https:// URL with a host",
        "quotaflow.api.url|api.example.com/q?s={ticker}|must be an http:// or https:// URL with a host",
        "quotaflow.api.url|http://host/{ticker}?k={key}|unknown placeholder",
        "quotaflow.api.url|http://127.0.0.1:70000/q?s={ticker}|port 70000 is out of range (1 to 65535)",
        "quotaflow.api.price-pointer|close|JSON Pointer",
        "quotaflow.consumers|0|out of range",
        "quotaflow.run-once|yes|not true or false",
        "quotaflow.symbol-pattern|[A-Z|not a valid regular expression",
        "quotaflow.api.keys|a,a|listed twice",
        "quotaflow.api.server-timing|app;dur|one Server-Timing metric",
        "quotaflow.rate.lead|-5ms|not a duration",
        "quotaflow.simulator.server-timing|maybe|not true or false",
        "quotaflow.api.keys|' , '|at least one API key",
        "quotaflow.consumers|501|allowed 1..500",
        "quotaflow.rate.period|10000000000000h|at most 366 days",
        "quotaflow.rate.margin|99999999999999999999ms|at most 366 days",
        "quotaflow.simulator.latency-min|50ms|more than quotaflow.simulator.latency-max '40ms'",
        "quotaflow.retry.backoff-max|100ms|less than quotaflow.retry.backoff '500ms'",
        "quotaflow.api.rate-limited-when|garbage|quotaflow.api.rate-limited-when",
        "quotaflow.api.unknown-when|garbage|must start with a JSON Pointer, e.g. /Note or !/0",
        "quotaflow.api.unknown-when|/code=404,!/0=1|! takes a pointer alone",
        "quotaflow.api.rate-limited-when|!/Note=1|! takes a pointer alone",
        "quotaflow.api.key-header|X Api Key|is not a header name",
        "quotaflow.api.key-header|X-Key:|must hold {apiKey} once",
        "quotaflow.api.key-header|Authorization: Bearer {apiKey}{apiKey}|must hold {apiKey} once",
        "quotaflow.api.key-header|Bad Name: Bearer {apiKey}|the header name before ':' is not a header name (it holds a space",
        "quotaflow.simulator.unknown-rate|NaN|must be between 0 and 1",
    })
    void aBadValueNamesTheKeyAndWhatIsAllowed(String key, String value, String says) {
        values.put(key, value);
        assertThatThrownBy(this::read)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ")
                .hasMessageContaining(says)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
    }

    @Test
    void aKeyWrittenIntoTheKeyHeaderIsRefusedWithoutEchoingIt() {
        values.put("quotaflow.api.key-header", "Authorization: Bearer sk-live-written-here");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must hold {apiKey} once").hasMessageNotContaining("sk-live");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the ':' forgotten, or '=' written for it: all of it reads as the header's name
        "Authorization Bearer sk-live-written-here|a space",
        "X-Api-Key=sk-live-written-here|'='",
        "X-Api-Key=sk-live-written-here: Token {apiKey}|'='",
    })
    void aKeyWrittenIntoTheHeaderNameIsRefusedWithoutEchoingIt(String spec, String named) {
        values.put("quotaflow.api.key-header", spec);
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.api.key-header: ")
                .hasMessageContaining("is not a header name").hasMessageContaining(named)
                .hasMessageNotContaining("sk-live");
    }

    @Test
    void aUrlWithUserInfoIsRefusedWithoutEchoingIt() {
        // HttpClient 5 refuses every such request ("deprecated userinfo component"): each ticker failed as
        // an "I/O error" after its retries, and the job still completed
        values.put("quotaflow.api.url", "https://bob:s3cr3tPw@api.example.com/q?s={ticker}&k={apiKey}");
        assertThatThrownBy(this::read)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.api.url: ")
                .hasMessageContaining("user:password@")
                .hasMessageNotContaining("s3cr3tPw")
                .hasMessageNotContaining("bob");
    }

    @Test
    void anOutputDirThatIsAFileIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("out"), "x");
        values.put("quotaflow.output-dir", file.toString());
        assertThatThrownBy(this::read).hasMessageStartingWith("quotaflow.output-dir: ").hasMessageContaining("is a file");
    }

    @Test
    void aMissingKeyIsNamed() {
        values.remove("quotaflow.retries");
        assertThatThrownBy(this::read).hasMessageStartingWith("quotaflow.retries: is not set");
    }

    @Test
    void secretsAreNeverEchoed() {
        values.put("quotaflow.api.keys", "s3cr3t-key,s3cr3t-key");
        assertThatThrownBy(this::read).satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @ParameterizedTest
    @CsvSource({"250ms,250", "5s,5000", "1m,60000", "2h,7200000"})
    void durationsReadAsDocumented(String text, long millis) {
        assertThat(Durations.parse("k", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void nonceModeFollowsTheTemplate() {
        values.put("quotaflow.api.url", "http://h/q?s={ticker}&k={apiKey}&n={nonce}");
        assertThat(read().nonceEnabled()).isTrue();
        assertThat(read().simulated()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the edges of each allowed range are allowed
        "quotaflow.consumers|1", "quotaflow.consumers|500", "quotaflow.rate.requests|1", "quotaflow.rate.requests|1000000",
        "quotaflow.simulator.unknown-rate|0", "quotaflow.simulator.unknown-rate|1",
        "quotaflow.api.url|http://127.0.0.1:65535/q?s={ticker}", "quotaflow.api.url|http://127.0.0.1:1/q?s={ticker}",
        // a year, the longest a duration may be (and 366 days is what the message says is allowed)
        "quotaflow.rate.period|8784h",
        // equal ends of a range
        "quotaflow.simulator.latency-min|40ms", "quotaflow.retry.backoff-max|500ms",
    })
    void theEdgesOfWhatIsAllowedAreAccepted(String key, String value) {
        values.put(key, value);
        read();
    }

    @Test
    void whatIsReadIsWhatWasSet() {
        values.put("quotaflow.api.keys", "k1, ,k2,,k3");
        values.put("quotaflow.api.key-header", "Authorization: Bearer {apiKey}");
        values.put("quotaflow.simulator.unknown-rate", "0.25");
        values.put("quotaflow.request-timeout", "7s");
        values.put("quotaflow.progress-interval", "2m");
        QuotaflowSettings s = read();
        assertThat(s.apiKeys()).as("empty entries between commas are no keys").containsExactly("k1", "k2", "k3");
        assertThat(s.apiKeyHeader()).isEqualTo("Authorization: Bearer {apiKey}");
        assertThat(s.simulator().unknownRate()).isEqualTo(0.25);
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.progressInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.rateRequests()).isEqualTo(22);
        assertThat(Durations.parse("quotaflow.rate.period", "8784h")).isEqualTo(Duration.ofDays(366));
    }

    @Test
    void theLongerAndTheShorterOfTwoDurations() {
        Duration one = Duration.ofSeconds(1);
        Duration two = Duration.ofSeconds(2);
        assertThat(Durations.max(one, two)).isEqualTo(two);
        assertThat(Durations.max(two, one)).isEqualTo(two);
        assertThat(Durations.min(one, two)).isEqualTo(one);
        assertThat(Durations.min(two, one)).isEqualTo(one);
    }
}
