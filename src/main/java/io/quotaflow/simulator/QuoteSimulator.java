package io.quotaflow.simulator;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded, strictly rate-limited stock quote API (Jetty 12 core, no servlets). The app uses it when no real
 * provider is configured, tests and the benchmark use it to check at the server side that the client never
 * exceeded the quota.
 *
 * <pre>{@code
 * try (QuoteSimulator sim = new QuoteSimulator(SimulatorSettings.defaults()).start()) {
 *     // GET sim.baseUrl() + "/quote?symbol=IBM&apikey=demo"
 *     assert sim.maxInAnyWindow(sim.settings().period()) <= sim.settings().requests();
 * }
 * }</pre>
 */
public final class QuoteSimulator implements AutoCloseable {

    /** The {@code Server-Timing} metric every counted answer carries: milliseconds from counting to answering. */
    public static final String SERVER_TIMING_METRIC = "app";

    /**
     * Jetty's thread pool, acceptor and selector included. Workers only read and decide requests: an answer held
     * back (latency, slow, hang) waits on the handler's timer, not in a worker.
     */
    private static final int MAX_THREADS = 256;
    private static final int MIN_THREADS = 8;
    /** Connections waiting to be accepted; the kernel caps it at net.core.somaxconn. */
    private static final int ACCEPT_QUEUE = 1024;

    private final SimulatorSettings settings;
    private final Faults faults = new Faults();
    private final KeyLedger keys = new KeyLedger();
    private final SimulatorStats stats = new SimulatorStats();
    /** A closed simulator cannot be started again. */
    private boolean closed;
    private final QuoteHandler handler;
    private final Server server;
    private final ServerConnector connector;

    public QuoteSimulator(SimulatorSettings settings) {
        this.settings = settings;
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        pool.setName("quote-sim");
        // a simulator someone forgot to close must not keep the JVM alive
        pool.setDaemon(true);
        server = new Server(pool);
        // one acceptor and one selector: plenty for a loopback API on a small machine
        connector = new ServerConnector(server, 1, 1);
        // A client opens a connection per consumer at once (100 for a 100-request window); the JVM's
        // default backlog of 50 dropped the rest, which the client's TCP retried a second later.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        handler = new QuoteHandler(settings, faults, keys, stats);
        server.setHandler(handler);
    }

    /** Binds and starts serving; returns this for chaining. */
    public synchronized QuoteSimulator start() {
        if (server.isStarted() || closed) {
            throw new IllegalStateException("simulator already started or closed");
        }
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start quote simulator on " + settings.host() + ":"
                    + settings.port(), e);
        }
        warmUp();
        return this;
    }

    /**
     * A real quote API is a long-running, warm server. A freshly started simulator in a cold JVM takes
     * 100 ms and more to answer its first quotes (class loading, JIT), and a slow first answer delays every
     * later window of a response-anchored client. So it first answers a few hundred uncounted quotes
     * ({@code /_sim/ping}: the quote code path with its latency, no key check, no window, no faults) on
     * parallel connections.
     */
    private void warmUp() {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < 32; i++) {
                URI ping = URI.create(baseUrl() + "/_sim/ping?symbol=W" + round + "X" + i);
                calls.add(client.sendAsync(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.discarding()));
            }
            calls.forEach(c -> c.exceptionally(e -> null).join());
            calls.clear();
        }
    }

    /** The bound port (the real one when the settings asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** E.g. {@code http://127.0.0.1:8089}; a wildcard bind address is reported as loopback. */
    public String baseUrl() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public synchronized void close() {
        closed = true;
        handler.dropPendingReplies();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop quote simulator", e);
        }
    }

    /** Clears statistics, windows, nonces and key labels, like {@code POST /_sim/reset}. Faults stay as they are. */
    public void reset() {
        handler.reset();
    }

    // ---- statistics ---------------------------------------------------------------------------------------

    /** Every request, ordered by arrival stamp. */
    public List<Arrival> arrivals() {
        return stats.arrivals();
    }

    /** All {@code /quote} requests, including unauthorized and rejected ones. */
    public int requestCount() {
        return stats.requestCount();
    }

    /** 429s caused by the sliding window, i.e. by the client going too fast. */
    public int rejectedCount() {
        return stats.windowRejected();
    }

    /** 429s caused by {@link Faults#rateLimitBurst(int)}, i.e. not the client's fault. */
    public int burstRejectedCount() {
        return stats.burstRejected();
    }

    public int nonceErrors() {
        return stats.nonceErrors();
    }

    /** How often this symbol was asked for, whatever the answer. */
    public int countFor(String symbol) {
        return stats.countFor(symbol);
    }

    /** Requests per key label ({@code key1}, …); unauthorized requests are not included. */
    public Map<String, Integer> perKeyCount() {
        return stats.perKeyCount();
    }

    /** Requests per HTTP status; {@value Arrival#NO_RESPONSE} counts connection resets. */
    public Map<Integer, Integer> statusCounts() {
        return stats.statusCounts();
    }

    /**
     * Most arrivals of one key inside any window (t − window, t]. Rejected requests count, as they do for the
     * server's own limit, so {@code maxInAnyWindow(key, period) <= requests} means the client never overran.
     *
     * @param key the raw API key as the client sends it, or its label ({@code key1}, …)
     */
    public int maxInAnyWindow(String key, Duration window) {
        return stats.maxInAnyWindow(keys.labelOf(key).orElse(key), window);
    }

    /** {@link #maxInAnyWindow(String, Duration)} maximised over all keys. */
    public int maxInAnyWindow(Duration window) {
        return stats.maxInAnyWindow(window);
    }

    // ---- deterministic data -------------------------------------------------------------------------------

    /** The price the simulator quotes for a symbol: from a hash, 1.00 to 999.99, always two decimals. */
    public static BigDecimal priceOf(String symbol) {
        long cents = 100 + Math.floorMod(hash(symbol, 0x9E3779B97F4A7C15L), 99_900L);
        return BigDecimal.valueOf(cents, 2);
    }

    /** Whether the simulator answers 404 for this symbol; the same symbol always gets the same answer. */
    public static boolean isUnknown(String symbol, double unknownRate) {
        double uniform = (hash(symbol, 0xC2B2AE3D27D4EB4FL) >>> 11) * 0x1.0p-53;
        return uniform < unknownRate;
    }

    /** FNV-1a over the UTF-8 bytes, salted and finished with a SplitMix64 mix: stable across JVMs and runs. */
    private static long hash(String symbol, long salt) {
        long h = 0xCBF29CE484222325L ^ salt;
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
