package io.quotaflow.simulator;

import io.quotaflow.Causes;
import io.quotaflow.config.ConfigException;
import io.quotaflow.config.Durations;
import java.io.PrintStream;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the simulator as its own process, e.g. for a benchmark that must not share a JVM with the client:
 *
 * <pre>
 * java -cp target/quotaflow.jar io.quotaflow.simulator.SimulatorMain --port 8089 --requests 22 --period 5s \
 *      --keys demo-key --latency 20ms-60ms --jitter 2ms --nonce
 * </pre>
 *
 * Prints one line with the URL, then serves until the process is killed. Faults are switched over HTTP
 * ({@code /_sim/faults}, see {@link FaultSwitch} and the usage text).
 */
public final class SimulatorMain {

    private static final Set<String> WITH_VALUE = Set.of("--host", "--port", "--requests",
            "--period", "--keys", "--latency", "--jitter", "--unknown-rate", "--retry-after", "--seed");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Launch launch = launch(args, System.out, System.err);
        if (launch.simulator() == null) {
            if (launch.exitCode() != 0) {
                System.exit(launch.exitCode());
            }
            return;
        }
        QuoteSimulator simulator = launch.simulator();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "quote-sim-shutdown"));
        // the server's threads are daemons, so keep main alive until the process is killed
        new CountDownLatch(1).await();
    }

    /** A started simulator, or none and the exit code (0 after --help, 2 after a bad option or a failed start). */
    record Launch(int exitCode, QuoteSimulator simulator) {
    }

    /**
     * Parses, starts and prints the listening line, or prints why not: one {@code error:} line (and the usage
     * for a bad option), never a stack trace, since this is what a user typing the command sees.
     */
    static Launch launch(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(usage());
            return new Launch(0, null);
        }
        SimulatorSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return new Launch(2, null);
        }
        QuoteSimulator simulator;
        try {
            simulator = new QuoteSimulator(settings).start();
        } catch (RuntimeException e) {
            // e.g. the port is taken or the host unknown: one line, not a stack trace
            err.println("error: " + e.getMessage() + ": " + rootMessage(e));
            return new Launch(2, null);
        }
        out.println("Quote simulator listening on " + simulator.baseUrl() + " (" + settings.requests()
                + " requests per " + settings.period().toMillis() + " ms per key)");
        return new Launch(0, simulator);
    }

    /** The innermost cause in words; some (an unresolvable host) carry no message at all. */
    private static String rootMessage(Throwable e) {
        Throwable root = Causes.root(e);
        if (root instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
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
                case "--host" -> {
                    // a blank host made Jetty bind every address and the warm-up fail on "http://:PORT"
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--host needs an address, e.g. 127.0.0.1 or 0.0.0.0");
                    }
                    b.host(value.trim());
                }
                case "--port" -> b.port(parseInt(option, value));
                case "--requests" -> b.requests(parseInt(option, value));
                case "--period" -> b.period(parseDuration(option, value));
                case "--keys" -> b.apiKeys(keys(value));
                case "--latency" -> {
                    // "20ms-60ms" for a range, "30ms" for a fixed delay
                    String[] range = value.split("-", 2);
                    Duration min = parseDuration(option, range[0]);
                    b.latency(min, range.length == 2 ? parseDuration(option, range[1]) : min);
                }
                case "--jitter" -> b.inboundJitter(parseDuration(option, value));
                case "--unknown-rate" -> b.unknownRate(parseDouble(option, value));
                case "--retry-after" -> b.retryAfterSeconds(parseInt(option, value));
                case "--seed" -> b.seed(parseLong(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return b.build();
    }

    /**
     * An empty list (e.g. {@code --keys ,}) would silently mean "accept any key", the opposite of what someone
     * writing --keys wants; leaving the option out says that.
     */
    private static Set<String> keys(String value) {
        Set<String> keys = Arrays.stream(value.split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--keys needs at least one key (leave it out to accept any key)");
        }
        return keys;
    }

    static Duration parseDuration(String text) {
        return parseDuration("a duration", text);
    }

    /**
     * Parses {@code 250ms}, {@code 5s}, {@code 1m}, {@code 2h} as the app's own settings do ({@link Durations}: at
     * most 366 days, longer ones overflow the nanosecond clock the window runs on). A bare number is rejected: the
     * unit is not obvious.
     */
    static Duration parseDuration(String option, String text) {
        try {
            return Durations.parse(option, text);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage()); // "--period: '5' is not a duration; use e.g. ..."
        }
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
                "  429 + Retry-After over --requests per --period per key, counted over any window (rejected",
                "      requests count too); Retry-After is the whole seconds until the window has room for the",
                "      next request, at least --retry-after",
                "  409 with --nonce: a nonce not above the key's last one (the parameter must be named nonce)",
                "  400 a symbol that is not 1-15 of A-Z 0-9 . -",
                "Prices are a hash of the symbol: the same in every run. Also:",
                "  GET /_sim/stats    what it counted (e.g. maxInAnyWindow, rejected)",
                "  POST /_sim/reset   clears counts, windows and nonces (not the faults)",
                "  GET /_sim/faults   the fault switches, all off at start",
                "  POST /_sim/faults?error500=0.05&slow=0.1&slowTime=3s   switches faults on: rates in [0, 1] of",
                "      error500 (500), malformed (cut-off JSON), missingPrice (200 without close), hang (answer",
                "      after hangTime, 30s), reset (connection reset), slow (answer after slowTime, 2s more),",
                "      bodyRateLimit (200 {\"Note\":..}); burst=N: the next N requests get 429 + --retry-after",
                "  DELETE /_sim/faults   switches all faults off");
    }
}
