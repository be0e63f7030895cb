package io.quotaflow.config;

import io.quotaflow.fetch.BodyRule;
import io.quotaflow.fetch.KeyHeader;
import io.quotaflow.simulator.QuoteSimulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every {@code quotaflow.*} setting, read once per job through Camel's property resolution (so
 * application.properties, JVM system properties and environment variables all apply, in Camel Main's
 * order), with the live file {@code quotaflow.config-file} in front of them ({@link ConfigFile}), and validated
 * up front: a bad value stops the run with a message naming the key.
 * Defaults live in application.properties only, so there is one place to read them.
 */
public record QuotaflowSettings(
        boolean runOnce,
        String tickers,
        String apiUrl,
        List<String> apiKeys,
        String apiKeyHeader,
        String pricePointer,
        String serverTiming,
        String rateLimitedWhen,
        String unknownWhen,
        int rateRequests,
        Duration ratePeriod,
        Duration rateMargin,
        Duration rateLead,
        boolean rateEnforced,
        int consumers,
        Duration requestTimeout,
        int retries,
        Duration retryBackoff,
        Duration retryBackoffMax,
        int rateLimitedRetries,
        Path outputDir,
        Pattern symbolPattern,
        Duration progressInterval,
        SimulatorOptions simulator,
        boolean resume,
        int keepRuns) {

    /**
     * Settings of the embedded simulator, used when {@code quotaflow.api.url} is empty.
     *
     * @param serverTiming whether quotaflow reads the simulator's {@code Server-Timing: app} (the time from
     *                     counting a request to answering it); it stands in for {@code quotaflow.api.server-timing}
     */
    public record SimulatorOptions(Duration latencyMin, Duration latencyMax, Duration jitter, double unknownRate,
                                   boolean serverTiming) {
    }

    public static final String TICKER = "{ticker}";
    public static final String API_KEY = "{apiKey}";
    public static final String NONCE = "{nonce}";
    /** The most quotaflow.consumers allows (threads and HTTP connections): Camel's SEDA takes at most 500. */
    public static final int MAX_CONSUMERS = 500;
    /** The most quotaflow.rate.requests allows, and so a limit set at runtime (setLimit): no API grants more. */
    public static final int MAX_RATE_REQUESTS = 1_000_000;

    /**
     * The split's threads for this many consumers: it hands each valid ticker to a consumer and waits for its
     * outcome, plus headroom for lines that are not sent.
     */
    public static int splitThreads(int consumers) {
        return consumers + 2;
    }

    public boolean simulated() {
        return apiUrl.isBlank();
    }

    public boolean nonceEnabled() {
        return apiUrl.contains(NONCE);
    }

    /** Never the keys, nor the URL template (a key may be written into its query): labels and counts only. */
    @Override
    public String toString() {
        return "QuotaflowSettings[tickers=" + tickers + ", api=" + (simulated() ? "simulator" : "configured URL")
                + ", keys=" + apiKeys.size() + ", rate=" + rateRequests + " per " + Durations.format(ratePeriod)
                + ", consumers=" + consumers + ", outputDir=" + outputDir + "]";
    }

    /** An RFC 9110 token: an HTTP header name (quotaflow.api.key-header), a Server-Timing metric name. */
    public static final String HTTP_TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private static String keyHeader(String spec) {
        KeyHeader.parse(spec); // checked now, not when the first job starts
        return spec;
    }

    public static QuotaflowSettings from(Function<String, String> lookup) {
        Reader r = new Reader(lookup);
        String url = r.text("quotaflow.api.url", true);
        if (!url.isBlank()) {
            validateUrl(url);
        }
        List<String> keys = Arrays.stream(r.text("quotaflow.api.keys", true).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (keys.isEmpty()) {
            throw new ConfigException("quotaflow.api.keys", "at least one API key is required (comma separated)");
        }
        if (keys.stream().distinct().count() != keys.size()) {
            throw new ConfigException("quotaflow.api.keys", "the same key is listed twice; each key has its own limit");
        }
        String pointer = r.text("quotaflow.api.price-pointer", false);
        if (!pointer.startsWith("/")) {
            throw new ConfigException("quotaflow.api.price-pointer", "must be a JSON Pointer starting with '/', e.g. /close");
        }
        String serverTiming = r.text("quotaflow.api.server-timing", true).trim();
        if (!serverTiming.isEmpty() && !serverTiming.matches(HTTP_TOKEN)) {
            throw new ConfigException("quotaflow.api.server-timing",
                    "must be the name of one Server-Timing metric (a token such as app), or empty for none");
        }
        Duration latencyMin = r.duration("quotaflow.simulator.latency-min");
        Duration latencyMax = r.duration("quotaflow.simulator.latency-max");
        if (latencyMin.compareTo(latencyMax) > 0) {
            throw new ConfigException("quotaflow.simulator.latency-min", "'" + Durations.format(latencyMin)
                    + "' is more than quotaflow.simulator.latency-max '" + Durations.format(latencyMax) + "'");
        }
        SimulatorOptions simulator = new SimulatorOptions(
                latencyMin,
                latencyMax,
                r.duration("quotaflow.simulator.jitter"),
                r.fraction("quotaflow.simulator.unknown-rate"),
                r.bool("quotaflow.simulator.server-timing"));
        Duration period = positive("quotaflow.rate.period", r.duration("quotaflow.rate.period"));
        Duration backoff = r.duration("quotaflow.retry.backoff");
        Duration backoffMax = r.duration("quotaflow.retry.backoff-max");
        if (backoffMax.compareTo(backoff) < 0) {
            throw new ConfigException("quotaflow.retry.backoff-max", "'" + Durations.format(backoffMax)
                    + "' is less than quotaflow.retry.backoff '" + Durations.format(backoff) + "'");
        }
        String rateLimitedWhen = r.text("quotaflow.api.rate-limited-when", true);
        new BodyRule("quotaflow.api.rate-limited-when", rateLimitedWhen); // checked now, not when the first job starts
        String unknownWhen = r.text("quotaflow.api.unknown-when", true);
        new BodyRule("quotaflow.api.unknown-when", unknownWhen);
        String output = r.text("quotaflow.output-dir", false);
        if (HomeTilde.leads(output)) {
            // refused, not made: ./~ is not where the user looks for the results, and removing it by its name
            // (rm -rf ~) would remove the home folder instead
            throw HomeTilde.refused("quotaflow.output-dir", output, "");
        }
        Path outputDir = Path.of(output).toAbsolutePath().normalize();
        if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
            throw new ConfigException("quotaflow.output-dir", "'" + outputDir + "' is a file, not a folder");
        }
        return new QuotaflowSettings(
                r.bool("quotaflow.run-once"),
                r.text("quotaflow.tickers", false),
                url,
                keys,
                keyHeader(r.text("quotaflow.api.key-header", true)),
                pointer,
                // the embedded simulator is the API when no URL is set, and quotaflow knows its metric
                url.isBlank() ? (simulator.serverTiming() ? QuoteSimulator.SERVER_TIMING_METRIC : "") : serverTiming,
                rateLimitedWhen,
                unknownWhen,
                r.integer("quotaflow.rate.requests", 1, MAX_RATE_REQUESTS),
                period,
                r.duration("quotaflow.rate.margin"),
                r.duration("quotaflow.rate.lead"),
                r.bool("quotaflow.rate.enforce"),
                r.integer("quotaflow.consumers", 1, MAX_CONSUMERS),
                positive("quotaflow.request-timeout", r.duration("quotaflow.request-timeout")),
                r.integer("quotaflow.retries", 0, 100),
                backoff,
                backoffMax,
                r.integer("quotaflow.retries.rate-limited", 0, 1000),
                outputDir,
                pattern(r.text("quotaflow.symbol-pattern", false)),
                positive("quotaflow.progress-interval", r.duration("quotaflow.progress-interval")),
                simulator,
                r.bool("quotaflow.resume"),
                r.integer("quotaflow.keep-runs", 0, 1_000_000));
    }

    private static Duration positive(String key, Duration d) {
        if (d.isZero()) {
            throw new ConfigException(key, "must be longer than 0ms");
        }
        return d;
    }

    private static final String HTTP_URL = "must be an http:// or https:// URL with a host, e.g."
            + " https://host/quote?symbol={ticker}&apikey={apiKey}";

    private static void validateUrl(String url) {
        String key = "quotaflow.api.url";
        if (!url.contains(TICKER)) {
            throw new ConfigException(key, "the URL template must contain {ticker}, e.g. https://host/quote?symbol={ticker}&apikey={apiKey}");
        }
        if (url.replaceAll("\\{(ticker|apiKey|nonce)}", "").matches(".*[{}].*")) {
            throw new ConfigException(key, "unknown placeholder; allowed are {ticker}, {apiKey} and {nonce}");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            // before the URI parser, which reads "127.0.0.1:8080/q?..." as a scheme it cannot name clearly
            throw new ConfigException(key, HTTP_URL);
        }
        URI uri;
        try {
            uri = URI.create(url.replace(TICKER, "T").replace(API_KEY, "K").replace(NONCE, "1"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "not a valid URL template (" + e.getMessage().split(":")[0] + ")");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException(key, HTTP_URL);
        }
        if (uri.getRawUserInfo() != null) {
            // HttpClient 5 refuses every request whose URI has one ("deprecated userinfo component"), so each
            // ticker would fail as an "I/O error"; the user info itself is not repeated here, it may be a password
            throw new ConfigException(key, "user:password@ in the URL is not supported; send credentials with"
                    + " {apiKey} (quotaflow.api.keys) or quotaflow.api.key-header");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException(key, "port " + uri.getPort() + " is out of range (1 to 65535)");
        }
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("quotaflow.symbol-pattern", "not a valid regular expression: " + e.getDescription());
        }
    }

    /** Typed access with messages that name the key; never prints values of keys that may hold secrets. */
    private record Reader(Function<String, String> lookup) {

        String text(String key, boolean blankAllowed) {
            String v = lookup.apply(key);
            if (v == null) {
                throw new ConfigException(key, "is not set (its default belongs in application.properties)");
            }
            v = v.trim();
            if (!blankAllowed && v.isEmpty()) {
                throw new ConfigException(key, "must not be empty");
            }
            return v;
        }

        boolean bool(String key) {
            return Switch.parse(key, text(key, false));
        }

        int integer(String key, int min, int max) {
            String v = text(key, false);
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new ConfigException(key, "'" + v + "' is out of range; allowed " + min + ".." + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + v + "' is not a whole number; allowed " + min + ".." + max);
            }
        }

        double fraction(String key) {
            String v = text(key, false);
            try {
                double d = Double.parseDouble(v);
                if (!(d >= 0 && d <= 1)) { // NaN too
                    throw new ConfigException(key, "'" + v + "' must be between 0 and 1");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + v + "' is not a number between 0 and 1");
            }
        }

        Duration duration(String key) {
            return Durations.parse(key, text(key, false));
        }
    }
}
