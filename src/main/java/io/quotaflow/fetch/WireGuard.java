package io.quotaflow.fetch;

import io.quotaflow.limit.ApiKey;
import io.quotaflow.limit.Permit;
import io.quotaflow.limit.RateLimiter;
import io.quotaflow.limit.SendStoppedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the limit is enforced: inside HttpClient, after the connection is leased and connected.
 * It lets the permit the route reserved go ({@link RateLimiter#send}), fills in the API key and
 * nonce, and when the response head arrives has the limiter stamp the slot
 * ({@link RateLimiter#answered}) — so the limiter's log never holds a time earlier than the server
 * can have counted the request.
 *
 * <p>A request to the API that arrives without a reserved permit (HttpClient's own retries, a redelivery, or a
 * route edited to call the API without the throttle step) waits for a slot here. That is what makes
 * the limit hold at the moment of sending, whatever the route looks like. A request to another host (a step of
 * the user's own calling some other service through the same component) passes untouched: no key, no slot.
 */
public class WireGuard implements ExecChainHandler, HttpClientConfigurer, Http1StreamListener {

    /** Carries the permit id from the route to here; removed before the request leaves. */
    public static final String PERMIT_HEADER = "Quotaflow-Permit";

    /**
     * Set by the throttle step on a request whose own job is stopping: refused first thing in HttpClient,
     * before a connection is leased, whichever job the limiter serves by then.
     */
    public static final String STOPPED_HEADER = "Quotaflow-Stopped";

    private static final Logger LOG = LoggerFactory.getLogger(WireGuard.class);

    /** The classic client writes on the calling thread, so the stream listener finds its permit here. */
    private static final ThreadLocal<InFlight> IN_FLIGHT = new ThreadLocal<>();

    private record InFlight(RateLimiter limiter, Permit permit) {
    }

    private volatile RateLimiter limiter;
    private volatile UrlTemplate template;
    private volatile KeyHeader keyHeader;
    private volatile String serverTiming;
    private volatile Duration firstBackoff = Duration.ZERO;
    private volatile boolean enforce = true;
    private volatile Duration requestTimeout = Duration.ofSeconds(10);
    private final AtomicBoolean warnedUnplanned = new AtomicBoolean();

    /**
     * Points the guard at the limiter and template of the current job.
     *
     * @param serverTiming the {@code Server-Timing} metric whose duration is taken off response times
     *                     (see {@link ServerTiming}); blank for none
     * @param firstBackoff how long a 429 without {@code Retry-After} holds its key until the route has
     *                     handled it (the route's own backoff is never shorter)
     */
    public void use(RateLimiter limiter, UrlTemplate template, String keyHeader, String serverTiming,
                    Duration firstBackoff, boolean enforce) {
        this.enforce = enforce;
        this.firstBackoff = firstBackoff;
        this.serverTiming = serverTiming == null || serverTiming.isBlank() ? null : serverTiming;
        this.limiter = limiter;
        this.template = template;
        this.keyHeader = KeyHeader.parse(keyHeader);
    }

    /** quotaflow.request-timeout: the longest a whole call may take, from writing the request to its body's end. */
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("quotaflow-stopped", (request, scope, chain) -> {
            if (request.containsHeader(STOPPED_HEADER)) {
                throw new NotSentException();
            }
            return chain.proceed(request, scope);
        });
        builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "quotaflow-wire-guard", this);
        builder.setRequestExecutor(new HttpRequestExecutor(Http1Config.DEFAULT, null, this));
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        RateLimiter current = limiter;
        UrlTemplate urls = template;
        HttpHost target = scope.route.getTargetHost();
        if (urls == null || !urls.isApi(target.getSchemeName(), target.getHostName(), target.getPort())) {
            // not the API: a step of the user's own calling another service through the same HTTP component (or a
            // redirect elsewhere) gets no key and takes no slot of the API's limit
            return chain.proceed(request, scope);
        }
        if (!enforce) {
            return unlimited(request, scope, chain, current);
        }
        Header header = request.getFirstHeader(PERMIT_HEADER);
        request.removeHeaders(PERMIT_HEADER);
        Permit permit = header == null ? null : current.claim(parse(header.getValue()));
        long nonce;
        try {
            if (permit == null) {
                if (warnedUnplanned.compareAndSet(false, true)) {
                    LOG.warn("A request reached the wire without passing the route's throttle step; "
                            + "it waits for a slot here (further ones are not logged)");
                }
                permit = current.acquire();
                if (permit == null) {
                    throw new NotSentException(); // its job began stopping while it waited
                }
            }
            permit = current.send(permit); // another key's slot when this one's key was paused by a 429
            nonce = permit.nonce();
        } catch (SendStoppedException e) {
            throw new NotSentException(); // the limiter gave the slot back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (permit != null) {
                current.release(permit);
            }
            throw new InterruptedIOException("interrupted while waiting for a rate-limit slot");
        }
        try {
            fillIn(request, permit.key(), nonce);
            IN_FLIGHT.set(new InFlight(current, permit));
            return call(request, scope, chain, current);
        } catch (NoHttpResponseException closed) {
            // The server closed the connection without a response (most often a kept-alive connection it closed
            // as idle just as it was reused). It reads nothing more from a closed connection: whatever it counted,
            // it counted by now, so the slot is stamped now, not held a request-timeout as for a timeout.
            current.unanswered(permit, Duration.ZERO);
            throw closed;
        } finally {
            IN_FLIGHT.remove();
            // no response head (timeout, reset): the server may count the request later than now
            current.unanswered(permit, requestTimeout);
        }
    }

    /** quotaflow.rate.enforce=false: no waiting, no stamps; the key comes from the route's header. */
    private ClassicHttpResponse unlimited(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain,
                                          RateLimiter current) throws IOException, HttpException {
        Header label = request.getFirstHeader(Throttle.KEY_HEADER);
        request.removeHeaders(Throttle.KEY_HEADER);
        request.removeHeaders(PERMIT_HEADER);
        if (current.isStopping()) {
            throw new NotSentException();
        }
        ApiKey key = current.key(label != null ? label.getValue() : current.labels().get(0));
        fillIn(request, key, current.nextNonce(key));
        return call(request, scope, chain, current);
    }

    /**
     * The call itself, with its answer read, within quotaflow.request-timeout as a whole ({@link Deadline}). The
     * request holds the key by now, and so may an error that quotes what the server sent back: it leaves with the
     * keys masked ({@link EchoedKey}).
     */
    private ClassicHttpResponse call(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain,
                                     RateLimiter current) throws IOException, HttpException {
        Deadline deadline = Deadline.after(requestTimeout, scope.execRuntime);
        try {
            return deadline.read(chain.proceed(request, scope));
        } catch (IOException | HttpException | RuntimeException e) {
            EchoedKey masked = EchoedKey.in(e, current.labels().stream().map(l -> current.key(l).secret()).toList());
            // the closed connection may surface as any of HttpClient's errors: the time being up is the reason
            if (deadline.passed()) {
                throw deadline.timeout(masked != null ? masked : e);
            }
            if (masked != null) {
                throw masked;
            }
            throw e;
        } finally {
            deadline.cancel();
        }
    }

    /** The only place the secret meets the request: the URL's placeholders and the optional key header. */
    private void fillIn(ClassicHttpRequest request, ApiKey key, long nonce) {
        request.setPath(template.atTheWire(request.getPath(), key.secret(), nonce));
        if (keyHeader != null) {
            request.setHeader(keyHeader.name(), keyHeader.value(key.secret()));
        }
    }

    @Override
    public void onRequestHead(HttpConnection connection, HttpRequest request) {
    }

    /**
     * The response head arrived: the server has counted the request by now, so the slot gets its stamp,
     * less the time the server reports it spent after counting (when a metric is configured). A 429
     * holds its key first, for its {@code Retry-After}: the stamp wakes the key's next sender, which
     * would otherwise leave before the route has even read the 429.
     */
    @Override
    public void onResponseHead(HttpConnection connection, HttpResponse response) {
        InFlight inFlight = IN_FLIGHT.get();
        // a 1xx head (103 Early Hints) may come from a gateway before the API has counted the request
        if (inFlight != null && response.getCode() >= HttpStatus.SC_OK) {
            if (response.getCode() == HttpStatus.SC_TOO_MANY_REQUESTS) {
                Header retryAfter = response.getFirstHeader(RetryAfter.HEADER);
                inFlight.limiter().pause(inFlight.permit().key(),
                        RetryAfter.parse(retryAfter == null ? null : retryAfter.getValue()).orElse(firstBackoff));
            }
            String metric = serverTiming;
            inFlight.limiter().answered(inFlight.permit(), metric == null ? 0 : ServerTiming.nanos(response, metric));
        }
    }

    @Override
    public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
