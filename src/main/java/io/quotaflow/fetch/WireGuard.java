package io.quotaflow.fetch;

import io.quotaflow.limit.Permit;
import io.quotaflow.limit.RateLimiter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step inside HttpClient before the request is written: after the connection is leased and
 * connected (so set-up time is not counted as "sent"), it stamps the permit the route reserved,
 * fills in the API key and nonce, and lets the request go.
 *
 * <p>A request that arrives without a reserved permit (HttpClient's own retries, a redelivery, or a
 * route edited to call the API without the throttle step) still waits for a slot here. That is what
 * makes the limit hold at the moment of sending, whatever the route looks like.
 */
public class WireGuard implements ExecChainHandler, HttpClientConfigurer {

    /** Carries the permit id from the route to here; removed before the request leaves. */
    public static final String PERMIT_HEADER = "Quotaflow-Permit";

    private static final Logger LOG = LoggerFactory.getLogger(WireGuard.class);

    private volatile RateLimiter limiter;
    private volatile UrlTemplate template;
    private volatile String keyHeader;
    private final AtomicLong unplanned = new AtomicLong();

    /** Points the guard at the limiter and template of the current job. */
    public void use(RateLimiter limiter, UrlTemplate template, String keyHeader) {
        this.limiter = limiter;
        this.template = template;
        this.keyHeader = keyHeader == null || keyHeader.isBlank() ? null : keyHeader;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "quotaflow-wire-guard", this);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        RateLimiter current = limiter;
        Header header = request.getFirstHeader(PERMIT_HEADER);
        request.removeHeaders(PERMIT_HEADER);
        Permit permit = header == null ? null : current.claim(parse(header.getValue()));
        try {
            if (permit == null) {
                long n = unplanned.incrementAndGet();
                if (n == 1) {
                    LOG.warn("A request reached the wire without passing the route's throttle step; "
                            + "it waits for a slot here (further ones are counted, not logged)");
                }
                permit = current.acquire();
            }
            current.commit(permit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (permit != null) {
                current.release(permit);
            }
            throw new InterruptedIOException("interrupted while waiting for a rate-limit slot");
        }
        request.setPath(template.atTheWire(request.getPath(), permit.key().secret(), permit.nonce()));
        if (keyHeader != null) {
            request.setHeader(keyHeader, permit.key().secret());
        }
        return chain.proceed(request, scope);
    }

    /** Requests that had to take a slot here because they skipped the route's throttle step. */
    public long unplannedRequests() {
        return unplanned.get();
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
