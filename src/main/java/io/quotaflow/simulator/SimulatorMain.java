package io.quotaflow.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the simulator as its own process, e.g. for a benchmark that must not share a JVM with the client:
 *
 * <pre>
 * java -cp target/quotaflow.jar io.quotaflow.simulator.SimulatorMain --port 8089 --requests 22 --period 5s \
 *      --keys demo-key --latency 20ms-60ms --jitter 2ms --nonce
 * </pre>
 *
 * Prints one line with the URL, then serves until the process is killed.
 */
public final class SimulatorMain {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private static final java.util.Set<String> WITH_VALUE = java.util.Set.of("--host", "--port", "--requests",
            "--period", "--keys", "--latency", "--jitter", "--unknown-rate", "--retry-after", "--seed");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        SimulatorSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        QuoteSimulator simulator;
        try {
            simulator = new QuoteSimulator(settings).start();
        } catch (IllegalStateException e) {
            // e.g. the port is taken: one line, not a stack trace
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("error: " + e.getMessage() + ": " + root.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "quote-sim-shutdown"));
        System.out.println("Quote simulator listening on " + simulator.baseUrl() + " (" + settings.requests()
                + " requests per " + settings.period().toMillis() + " ms per key)");
        // the server's threads are daemons, so keep main alive until the process is killed
        new CountDownLatch(1).await();
    }

    static SimulatorSettings parse(String[] args) {
        SimulatorSettings.Builder b = SimulatorSettings.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--nonce")) {
                b.nonceRequired(true);
                continue;
            }
            if (!WITH_VALUE.contains(option)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> b.host(value);
                case "--port" -> b.port(parseInt(option, value));
                case "--requests" -> b.requests(parseInt(option, value));
                case "--period" -> b.period(parseDuration(value));
                case "--keys" -> b.apiKeys(Arrays.stream(value.split(","))
                        .map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toUnmodifiableSet()));
                case "--latency" -> {
                    // "20ms-60ms" for a range, "30ms" for a fixed delay
                    String[] range = value.split("-", 2);
                    Duration min = parseDuration(range[0]);
                    b.latency(min, range.length == 2 ? parseDuration(range[1]) : min);
                }
                case "--jitter" -> b.inboundJitter(parseDuration(value));
                case "--unknown-rate" -> b.unknownRate(parseDouble(option, value));
                case "--retry-after" -> b.retryAfterSeconds(parseInt(option, value));
                case "--seed" -> b.seed(parseLong(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return b.build();
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 1m}, {@code 2h}. A bare number is rejected: the unit is not obvious. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (use e.g. 250ms, 5s, 1m): " + text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number: " + value);
        }
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number: " + value);
        }
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value);
        }
    }

    private static String usage() {
        return String.join("\n",
                "usage: SimulatorMain [--host 127.0.0.1] [--port 0] [--requests 22] [--period 5s] [--keys k1,k2]",
                "                     [--latency 20ms-60ms] [--jitter 2ms] [--nonce] [--unknown-rate 0.03]",
                "                     [--retry-after 1] [--seed 42]",
                "",
                "Serves GET /quote?symbol=SYM&apikey=KEY (and &nonce=N with --nonce), i.e. for quotaflow:",
                "  -Dquotaflow.api.url='http://127.0.0.1:PORT/quote?symbol={ticker}&apikey={apiKey}'",
                "  200 {\"symbol\":..,\"close\":..}  404 unknown symbol (--unknown-rate of them)",
                "  401 a key not in --keys (without --keys every key is accepted)",
                "  429 + Retry-After over --requests per --period per key, counted over any window",
                "  409 with --nonce: a nonce not above the key's last one (the parameter must be named nonce)",
                "Also GET /_sim/stats (what it counted, e.g. maxInAnyWindow, rejected) and POST /_sim/reset.");
    }
}
