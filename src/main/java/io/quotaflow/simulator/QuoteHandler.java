package io.quotaflow.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the simulator. Runs on Jetty's worker pool; an answer held back (latency, slowness, a hang) waits
 * on a timer of its own, so no worker, acceptor or selector thread sleeps.
 *
 * <p>Quote checks run in this order: key, rate window, symbol syntax, nonce, faults (burst first), unknown symbol,
 * price. Symbol syntax sits before the nonce so a malformed request does not burn the client's nonce.
 */
final class QuoteHandler extends Handler.Abstract {

    static final String SERVER_TIMING = "Server-Timing";

    /** The server half of the per-request timeline (see io.quotaflow.fetch.Outcomes): DEBUG, labels only. */
    private static final Logger TIMELINE = LoggerFactory.getLogger("io.quotaflow.timeline");

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9.\\-]{1,15}");

    private final SimulatorSettings settings;
    private final Faults faults;
    private final KeyLedger keys;
    private final SimulatorStats stats;
    private final ObjectMapper json = new ObjectMapper();
    private final Random faultDice;
    private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "simulator-replies");
        t.setDaemon(true);
        return t;
    });

    /**
     * What to send for one quote request, decided before any delay so stats are recorded on arrival.
     * {@code retryAfter} is the Retry-After header in seconds, {@link #NO_RETRY_AFTER} for none.
     */
    private record Reply(int status, String body, long retryAfter, Faults.Fault fault) {
        static Reply of(int status, String body) {
            return new Reply(status, body, NO_RETRY_AFTER, Faults.Fault.NONE);
        }
    }

    private static final long NO_RETRY_AFTER = -1;

    QuoteHandler(SimulatorSettings settings, Faults faults, KeyLedger keys, SimulatorStats stats) {
        this.settings = settings;
        this.faults = faults;
        this.keys = keys;
        this.stats = stats;
        this.faultDice = new Random(settings.seed());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        switch (path) {
            case "/quote" -> {
                if (HttpMethod.GET.is(method)) {
                    quote(request, response, callback, true);
                } else {
                    notAllowed(response, callback);
                }
            }
            // a quote that is neither checked nor counted, through the same code: warms the server up
            case "/_sim/ping" -> quote(request, response, callback, false);
            case "/_sim/stats" -> {
                if (HttpMethod.GET.is(method)) {
                    send(response, callback, HttpStatus.OK_200, json.writeValueAsString(stats.summary(settings)), NO_RETRY_AFTER);
                } else {
                    notAllowed(response, callback);
                }
            }
            case "/_sim/reset" -> {
                if (HttpMethod.POST.is(method)) {
                    reset();
                    send(response, callback, HttpStatus.OK_200, "{\"reset\":true}", NO_RETRY_AFTER);
                } else {
                    notAllowed(response, callback);
                }
            }
            case "/_sim/faults" -> faults(request, response, callback, method);
            default -> send(response, callback, HttpStatus.NOT_FOUND_404, error("not found"), NO_RETRY_AFTER);
        }
        return true;
    }

    /** GET shows the fault switches, POST sets those named in the query, DELETE switches all off. */
    private void faults(Request request, Response response, Callback callback, String method) throws IOException {
        if (HttpMethod.POST.is(method)) {
            Map<String, String> values = new LinkedHashMap<>();
            Request.extractQueryParameters(request).forEach(f -> values.put(f.getName(), f.getValue()));
            try {
                FaultSwitch.apply(faults, values);
            } catch (IllegalArgumentException e) {
                send(response, callback, HttpStatus.BAD_REQUEST_400, error(e.getMessage()), NO_RETRY_AFTER);
                return;
            }
        } else if (HttpMethod.DELETE.is(method)) {
            faults.clear();
        } else if (!HttpMethod.GET.is(method)) {
            notAllowed(response, callback);
            return;
        }
        send(response, callback, HttpStatus.OK_200, json.writeValueAsString(FaultSwitch.describe(faults)),
                NO_RETRY_AFTER);
    }

    private void quote(Request request, Response response, Callback callback, boolean counted) throws IOException {
        Fields params = Request.extractQueryParameters(request);
        String apiKey = params.getValue("apikey");
        String symbol = params.getValue("symbol") == null ? "" : params.getValue("symbol");

        // The server counts a request when it reaches the connector (as a gateway's limiter would), not when a
        // handler thread gets to it; network jitter is a random delay added to that arrival stamp.
        boolean keyAccepted = apiKey != null && !apiKey.isBlank()
                && (settings.apiKeys().isEmpty() || settings.apiKeys().contains(apiKey));
        long late = counted && keyAccepted ? faults.takeCountDelayNanos() : 0;
        long arrival = request.getBeginNanoTime() + jitterNanos(settings.inboundJitter().toNanos()) + late;

        Reply reply;
        String keyLabel = null;
        if (!counted) {
            reply = Reply.of(HttpStatus.OK_200, quoteBody(symbol.isEmpty() ? "PING" : symbol, true));
        } else if (!keyAccepted) {
            reply = Reply.of(HttpStatus.UNAUTHORIZED_401, error("invalid api key"));
            stats.record(new Arrival(Arrival.UNAUTHORIZED, System.nanoTime(), symbol, reply.status()));
        } else {
            KeyLedger.KeyState key = keys.stateFor(apiKey);
            keyLabel = key.label;
            KeyLedger.Admission admission = key.arrive(settings.requests(), settings.period().toNanos(), arrival);
            reply = decide(key, admission, symbol, params.getValue("nonce"));
            stats.record(new Arrival(key.label, admission.nanos(), symbol, reply.status()));
        }

        long delay = late + randomLatencyNanos();
        if (reply.fault() == Faults.Fault.HANG) {
            delay += faults.hangTime().toNanos();
        } else if (reply.fault() == Faults.Fault.SLOW) {
            delay += faults.slowTime().toNanos();
        }
        boolean countedByWindow = reply.status() != HttpStatus.UNAUTHORIZED_401;
        String label = keyLabel;
        Runnable answer = () -> {
            if (reply.fault() == Faults.Fault.RESET) {
                reset(request, callback);
            } else {
                if (countedByWindow) {
                    // what a real API reports as its processing time: here, from counting to answering
                    double millis = Math.max(0, System.nanoTime() - arrival) / 1e6;
                    response.getHeaders().put(SERVER_TIMING,
                            String.format(Locale.ROOT, "%s;dur=%.3f", QuoteSimulator.SERVER_TIMING_METRIC, millis));
                }
                if (label != null && TIMELINE.isDebugEnabled()) {
                    TIMELINE.debug("server {} {} arrived={} counted={} answered={} status={}", label, symbol,
                            request.getBeginNanoTime(), arrival, System.nanoTime(), reply.status());
                }
                send(response, callback, reply.status(), reply.body(), reply.retryAfter());
            }
        };
        // Latency is a timer, not a sleeping thread: a handler that sleeps can hold up Jetty's selector
        // and delay when the NEXT requests are read, which would distort the arrival stamps we count.
        if (delay <= 0) {
            answer.run();
        } else {
            try {
                replies.schedule(answer, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                callback.failed(stopped);
            }
        }
    }

    /** Clears statistics, windows, nonces and key labels; the faults stay as they are. */
    void reset() {
        stats.clear();
        keys.clear();
    }

    /** Drops answers still waiting for their delay (e.g. a 30 s hang) when the simulator closes. */
    void dropPendingReplies() {
        replies.shutdownNow();
    }

    private Reply decide(KeyLedger.KeyState key, KeyLedger.Admission admission, String symbol, String nonce)
            throws JsonProcessingException {
        if (!admission.allowed()) {
            stats.countWindowRejection();
            return new Reply(HttpStatus.TOO_MANY_REQUESTS_429, error("rate limit exceeded"),
                    windowRetryAfter(admission.roomAt()), Faults.Fault.NONE);
        }
        if (!SYMBOL.matcher(symbol).matches()) {
            return Reply.of(HttpStatus.BAD_REQUEST_400, error("invalid symbol"));
        }
        if (settings.nonceRequired() && !acceptNonce(key, nonce)) {
            stats.countNonceError();
            return Reply.of(HttpStatus.CONFLICT_409, error("invalid nonce"));
        }
        if (faults.takeBurst()) {
            stats.countBurstRejection();
            return new Reply(HttpStatus.TOO_MANY_REQUESTS_429, error("rate limit exceeded"),
                    settings.retryAfterSeconds(), Faults.Fault.NONE);
        }
        Faults.Fault fault = faults.pick(faultDice.nextDouble());
        if (fault == Faults.Fault.ERROR_500) {
            return new Reply(HttpStatus.INTERNAL_SERVER_ERROR_500, error("internal server error"), NO_RETRY_AFTER, fault);
        }
        if (fault == Faults.Fault.BODY_RATE_LIMIT) {
            return new Reply(HttpStatus.OK_200, rateLimitNote(), NO_RETRY_AFTER, fault);
        }
        if (fault == Faults.Fault.RESET) {
            return new Reply(Arrival.NO_RESPONSE, "", NO_RETRY_AFTER, fault);
        }
        if (QuoteSimulator.isUnknown(symbol, settings.unknownRate())) {
            return new Reply(HttpStatus.NOT_FOUND_404, error("unknown symbol"), NO_RETRY_AFTER, fault);
        }
        String body = quoteBody(symbol, fault != Faults.Fault.MISSING_PRICE);
        if (fault == Faults.Fault.MALFORMED) {
            body = body.substring(0, body.length() / 2); // valid prefix, cut mid-token: no JSON parser accepts it
        }
        return new Reply(HttpStatus.OK_200, body, NO_RETRY_AFTER, fault);
    }

    /**
     * Whole seconds until the window has room again, rounded up so a retry sent right after them is accepted
     * (the answer leaves after this is computed, so the client waits a little longer still); never less than
     * the configured Retry-After.
     */
    private long windowRetryAfter(long roomAt) {
        long wait = roomAt - System.nanoTime();
        long seconds = wait <= 0 ? 0 : (wait + 999_999_999L) / 1_000_000_000L;
        return Math.max(settings.retryAfterSeconds(), seconds);
    }

    private String quoteBody(String symbol, boolean withPrice) throws JsonProcessingException {
        Map<String, Object> quote = new LinkedHashMap<>();
        quote.put("symbol", symbol);
        if (withPrice) {
            quote.put("close", QuoteSimulator.priceOf(symbol));
        }
        quote.put("currency", "USD");
        return json.writeValueAsString(quote);
    }

    private static boolean acceptNonce(KeyLedger.KeyState key, String nonce) {
        if (nonce == null) {
            return false;
        }
        try {
            return key.acceptNonce(Long.parseLong(nonce.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** How Alpha Vantage signals throttling: a 200 whose body is a note instead of data. */
    private String rateLimitNote() throws JsonProcessingException {
        String note = "Thank you for using our API! Our standard API call frequency is " + settings.requests()
                + " calls per " + settings.period().toMillis() + " ms. Please slow down if you would like to keep"
                + " calling.";
        return json.writeValueAsString(Map.of("Note", note));
    }

    private String error(String message) throws JsonProcessingException {
        return json.writeValueAsString(Map.of("error", message));
    }

    private void notAllowed(Response response, Callback callback) throws JsonProcessingException {
        send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, error("method not allowed"), NO_RETRY_AFTER);
    }

    private void send(Response response, Callback callback, int status, String body, long retryAfter) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (retryAfter != NO_RETRY_AFTER) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(retryAfter));
        }
        Content.Sink.write(response, true, body, callback);
    }

    /**
     * Drops the connection without a response. SO_LINGER 0 turns the close into a TCP RST, so the client sees
     * "connection reset" rather than a tidy end of stream.
     */
    private static void reset(Request request, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // channel already gone: closing below still ends the exchange without a response
            }
        }
        IOException cause = new IOException("simulated connection reset");
        endPoint.close(cause);
        callback.failed(cause);
    }

    private long randomLatencyNanos() {
        long min = settings.latencyMin().toNanos();
        long max = settings.latencyMax().toNanos();
        return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    private static long jitterNanos(long maxNanos) {
        return maxNanos > 0 ? ThreadLocalRandom.current().nextLong(maxNanos + 1) : 0;
    }

}
