package io.quotaflow.fetch;

import java.math.BigDecimal;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.MessageSupport;

/**
 * Reads how long the API says it worked on a request from its {@code Server-Timing} response header
 * (W3C Server Timing: {@code Server-Timing: db;dur=53, app;dur=47.2}). The limiter takes that time off
 * the response time to tell when the server counted the request, so the metric named in
 * {@code quotaflow.api.server-timing} must only cover time <em>after</em> the API's rate limiter
 * counted the request; a metric that also covers time before would make stamps too early.
 *
 * <p>A {@code dur} is only as exact as its last digit, and a server may have rounded it up: so the time
 * taken off is the reported value less one unit of that last digit ({@code 47.25} → 47.24 ms, {@code 53}
 * → 52 ms), the least the server can have meant. That keeps the stamp at or after the count whatever
 * precision the API reports, without a margin sized for the coarsest one.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";

    /** Longer than any round trip: a larger dur is no use to the limiter (and is not worth converting). */
    private static final BigDecimal A_DAY_MILLIS = BigDecimal.valueOf(86_400_000L);

    private ServerTiming() {
    }

    /**
     * The metric's {@code dur} in nanoseconds, less one unit of its last digit; 0 when the header, the
     * metric or a usable dur is missing.
     */
    public static long nanos(HttpResponse response, String metric) {
        long[] found = {-1};
        MessageSupport.parseElements(response, HEADER, element -> {
            if (found[0] < 0 && element.getName().equals(metric)) {
                found[0] = durNanos(element.getParameterByName("dur"));
            }
        });
        return Math.max(found[0], 0);
    }

    private static long durNanos(NameValuePair dur) {
        if (dur == null || dur.getValue() == null) {
            return 0;
        }
        try {
            BigDecimal millis = new BigDecimal(dur.getValue().trim());
            BigDecimal least = millis.subtract(millis.ulp());
            return least.signum() > 0 && least.compareTo(A_DAY_MILLIS) < 0 ? least.movePointRight(6).longValue() : 0;
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }
}
