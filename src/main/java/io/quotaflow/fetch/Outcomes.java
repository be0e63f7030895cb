package io.quotaflow.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.config.Durations;
import io.quotaflow.config.QuotaflowSettings;
import io.quotaflow.job.JobRun;
import io.quotaflow.limit.Permit;
import io.quotaflow.summary.TickerResult;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an HTTP attempt means for its ticker: a price, a final failure, or another attempt
 * (through the throttle again) after a backoff. Every ticker leaves with exactly one
 * {@link TickerResult}, as the exchange body and in the {@link #RESULT} property.
 */
public class Outcomes {

    /**
     * One DEBUG line per attempt with its reserve, send and stamp times ({@link System#nanoTime()}, the same
     * clock as the simulator's timeline on this machine): {@code -Dquotaflow.timeline=DEBUG}, read by
     * {@code bench/timeline.py}. Key labels and tickers only, never a key.
     */
    private static final Logger TIMELINE = LoggerFactory.getLogger("io.quotaflow.timeline");

    public static final String ATTEMPTS = "quotaflowAttempts";
    public static final String JOB = "quotaflowJob";
    /**
     * The ticker's outcome, kept apart from the body, which it also is: a user's step after the fetch (README,
     * "Editing a route") may replace the body, and the summary must still count what the fetch found.
     */
    public static final String RESULT = "quotaflowResult";

    /** The headers an http producer takes its request from (URI, method, path, query) instead of its own. */
    private static final List<String> HTTP_REQUEST_HEADERS = List.of(Exchange.HTTP_URI, Exchange.HTTP_METHOD,
            Exchange.HTTP_PATH, Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Throttle throttle;

    public Outcomes(Throttle throttle) {
        this.throttle = throttle;
    }

    /** Start of a ticker's fetch: remember the item; the loop runs while {@link Attempts#isAgain()}. */
    public void begin(Exchange exchange) {
        Attempts a = new Attempts(exchange.getMessage().getBody(TickerItem.class));
        exchange.setProperty(ATTEMPTS, a);
        // graceful stop: a ticker still queued for a consumer is not started (no request, no row)
        stopIfAsked(exchange);
    }

    /**
     * Before each attempt: the retry's backoff (0 on the first attempt), cut short by a stop, after which the
     * limiter and WireGuard send nothing and the ticker ends without a row. Camel's delay EIP could not be
     * woken: a stop waited out every backoff in progress, up to quotaflow.retry.backoff-max.
     */
    public void backoff(Exchange exchange) {
        long millis = attempts(exchange).backoffMillis;
        if (millis > 0) {
            job(exchange).awaitStop(Duration.ofMillis(millis));
        }
    }

    /** Before each attempt: the request URI (placeholders only, no secrets) and an empty body. */
    public void prepare(Exchange exchange) {
        Attempts a = attempts(exchange);
        a.attempts++;
        a.permit = null;
        a.preparedAtNanos = System.nanoTime();
        exchange.getMessage().setHeader(Exchange.HTTP_URI, job(exchange).urls().forTicker(a.item.ticker()));
        exchange.getMessage().setBody(null);
    }

    /** After a response arrived (any status: the endpoint does not throw on failure codes). */
    public void onResponse(Exchange exchange) {
        respond(exchange);
        stopIfAsked(exchange);
    }

    private void respond(Exchange exchange) {
        Attempts a = attempts(exchange);
        QuotaflowSettings s = job(exchange).settings();
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        boolean limited = status == 429;
        JsonNode json = null;
        String parseError = null;
        if (status == 200) {
            try {
                json = JSON.readTree(body == null ? "" : body);
                if (json == null || json.isMissingNode()) {
                    parseError = "empty body";
                }
            } catch (JsonProcessingException e) {
                parseError = "malformed JSON";
            }
            limited = json != null && job(exchange).rateLimitedRule().matches(json);
        }
        Long latency = recordAttempt(exchange, a, limited, true);

        if (limited) {
            Duration wait = retryAfter(exchange.getMessage().getHeader(RetryAfter.HEADER, String.class), a, s);
            if (a.permit != null) {
                throttle.limiter().rateLimited(a.permit.key(), wait);
            }
            a.rateLimited++;
            if (a.rateLimited <= s.rateLimitedRetries()) {
                // the key itself rests the whole Retry-After in the limiter; the ticker waits at most the
                // longest backoff here, then waits for a slot (on any key), where a stop can reach it
                again(a, Durations.min(wait, s.retryBackoffMax()));
            } else {
                fail(exchange, a, status, latency, "rate limited", "still rate limited after " + a.attempts + " attempts");
            }
        } else if (status == 200) {
            if (parseError != null) {
                // a cut-off or empty body is a transport fault, not the API's answer: worth another attempt
                retryOrFail(exchange, a, status, latency, "bad response", "bad response: " + parseError);
                return;
            }
            // only now, after the slow-down rule: a "slow down" body has no quote either, and must be retried
            String unknown = job(exchange).unknownRule().matched(json);
            if (unknown != null) {
                // the API's own "no such symbol" in a 200: final like a 404; the error names the condition, not the body
                fail(exchange, a, status, latency, "unknown symbol",
                        "unknown symbol (quotaflow.api.unknown-when: " + unknown + ")");
                return;
            }
            JsonNode price = json.at(s.pricePointer());
            BigDecimal value = price.isNumber() ? price.decimalValue() : number(price.asText(null));
            if (value == null) {
                fail(exchange, a, status, latency, "bad response", "bad response: no price at " + s.pricePointer());
            } else if (value.signum() <= 0 || !plausible(value)) {
                fail(exchange, a, status, latency, "bad response", "bad response: price " + shown(value));
            } else {
                a.again = false;
                outcome(exchange, TickerResult.ok(a.item.line(), a.item.ticker(), value, status,
                        a.attempts, latency == null ? 0 : latency));
            }
        } else if (status >= 500 || status == 408 || status == 409 && s.nonceEnabled()) {
            retryOrFail(exchange, a, status, latency, status == 409 ? "nonce rejected" : "server error",
                    "HTTP " + status);
        } else if (status == 404) {
            fail(exchange, a, status, latency, "unknown symbol", "unknown symbol (HTTP 404)");
        } else if (status == 401 || status == 403) {
            fail(exchange, a, status, latency, "unauthorized", "API key refused (HTTP " + status + ")");
        } else {
            fail(exchange, a, status, latency, "rejected", "HTTP " + status);
        }
    }

    /** After the call threw: timeouts, resets and refused connections are retried. */
    public void onError(Exchange exchange) {
        error(exchange);
        stopIfAsked(exchange);
    }

    /**
     * Graceful stop: a ticker that would be tried again ends here without an outcome (no row), so
     * the stop is bounded by the calls in flight and a resumed run fetches it.
     */
    private static void stopIfAsked(Exchange exchange) {
        Attempts a = attempts(exchange);
        if (a.again && job(exchange).isStopRequested()) {
            fail(exchange, a, null, null, JobRun.INTERRUPTED, "stopped before it had an outcome");
        }
    }

    private void error(Exchange exchange) {
        Attempts a = attempts(exchange);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof HttpOperationFailedException failed) {
            // an http step edited to throwExceptionOnFailure: true: the API did answer, with this status
            answer(exchange, failed);
            respond(exchange);
            return;
        }
        if (e instanceof NotSentException) {
            // the job is stopping and this attempt never left: no request to count, no outcome
            fail(exchange, a, null, null, JobRun.INTERRUPTED, "stopped before it had an outcome");
            return;
        }
        recordAttempt(exchange, a, false, false);
        String reason = reasonFor(e);
        retryOrFail(exchange, a, null, null, reason,
                "unknown host".equals(reason) ? reason + " (check the host in quotaflow.api.url)" : reason);
    }

    /** Puts the answer a failure status was thrown with back on the message, as the route as shipped gets it. */
    private static void answer(Exchange exchange, HttpOperationFailedException failed) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, failed.getStatusCode());
        Map<String, String> headers = failed.getResponseHeaders();
        if (headers != null) {
            headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(RetryAfter.HEADER)).findFirst()
                    .ifPresent(h -> message.setHeader(RetryAfter.HEADER, h.getValue()));
        }
        message.setBody(failed.getResponseBody());
    }

    /** The failure reason results.csv and the summary give a call that threw. */
    static String reasonFor(Exception e) {
        return e instanceof SocketTimeoutException || e instanceof InterruptedIOException ? "timeout"
                : e instanceof NoHttpResponseException ? "no response"
                : e instanceof UnknownHostException ? "unknown host"
                : e instanceof ConnectException ? "connection refused"
                : e instanceof SocketException ? "connection reset"
                : e instanceof SSLException ? "TLS error"
                : "I/O error";
    }

    private void retryOrFail(Exchange exchange, Attempts a, Integer status, Long latency, String reason, String detail) {
        QuotaflowSettings s = job(exchange).settings();
        a.errors++;
        if (a.errors <= s.retries()) {
            again(a, backoff(s, a.errors - 1));
        } else {
            fail(exchange, a, status, latency, reason, detail + (a.attempts > 1 ? " after " + a.attempts + " attempts" : ""));
        }
    }

    private static void again(Attempts a, Duration wait) {
        a.again = true;
        a.backoffMillis = wait.toMillis();
    }

    private static void fail(Exchange exchange, Attempts a, Integer status, Long latency, String reason, String detail) {
        a.again = false;
        outcome(exchange, TickerResult.failed(a.item.line(), a.item.ticker(), status, a.attempts, latency, reason, detail));
    }

    private static void outcome(Exchange exchange, TickerResult result) {
        exchange.setProperty(RESULT, result);
        exchange.getMessage().setBody(result);
        // camel-http takes these headers over what an http step names: left here, a user's step after the fetch
        // ("send each quote to my service") would call the quote API again, with GET, not the host it names
        for (String steering : HTTP_REQUEST_HEADERS) {
            exchange.getMessage().removeHeader(steering);
        }
    }

    /**
     * Counts one attempt. Its latency (send to response) counts only when a response came: a timeout's would be
     * the timeout. An attempt whose permit never started and that got no answer (refused connection) was not
     * sent; one answered without a started permit (limiter off), or made without any permit (a route without the
     * throttle step, as the benchmark's naive one), was sent when it was prepared.
     */
    private static Long recordAttempt(Exchange exchange, Attempts a, boolean rateLimited, boolean responded) {
        if (a.permit != null) {
            a.permit = a.permit.wentAs(); // its key may have rested, and the request gone on another key's slot
        }
        boolean started = a.permit != null && a.permit.sentAtNanos() > 0;
        long sent = started ? a.permit.sentAtNanos() : responded || a.permit == null ? a.preparedAtNanos : 0;
        long latency = responded && sent > 0 ? System.nanoTime() - sent : -1;
        if (TIMELINE.isDebugEnabled() && a.permit != null) {
            Permit p = a.permit;
            TIMELINE.debug("client {} {} reserved={} sent={} stamp={}", p.key().label(), a.item.ticker(),
                    p.reservedAtNanos(), p.sentAtNanos(), p.stampNanos());
        }
        job(exchange).attempt(sent, latency, rateLimited);
        return latency < 0 ? null : Math.round(latency / 1e6);
    }

    /** Retry-After in seconds or as an HTTP date; without one, the configured backoff. */
    static Duration retryAfter(String header, Attempts a, QuotaflowSettings s) {
        return RetryAfter.parse(header).orElseGet(() -> backoff(s, a.rateLimited));
    }

    /** retry.backoff * 2^doublings, at most retry.backoff-max. */
    private static Duration backoff(QuotaflowSettings s, int doublings) {
        long base = s.retryBackoff().toMillis();
        return Duration.ofMillis(Math.min(s.retryBackoffMax().toMillis(), base << Math.min(doublings, 20)));
    }

    /**
     * A price the summary can add up and results.csv can write: at most 30 digits before the point and 100
     * after (a float printed in full, 0.0003333333333333333, has 19). {@code 1e999999999} is a valid JSON
     * number, and as a price it would overflow the sum (failing the whole job) or write a row of a billion
     * zeros.
     */
    static boolean plausible(BigDecimal price) {
        BigDecimal p = price.stripTrailingZeros();
        return p.precision() - p.scale() <= 30 && p.scale() <= 100;
    }

    /** The price as the API wrote it, in scientific notation when it is too long to show plainly. */
    private static String shown(BigDecimal value) {
        return plausible(value) ? value.toPlainString() : value.toString();
    }

    private static BigDecimal number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Attempts attempts(Exchange exchange) {
        return exchange.getProperty(ATTEMPTS, Attempts.class);
    }

    private static JobRun job(Exchange exchange) {
        return exchange.getProperty(JOB, JobRun.class);
    }
}
