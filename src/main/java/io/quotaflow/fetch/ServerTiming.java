package io.quotaflow.fetch;

import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.MessageSupport;

/**
 * Reads how long the API says it worked on a request from its {@code Server-Timing} response header
 * (W3C Server Timing: {@code Server-Timing: db;dur=53, app;dur=47.2}). The limiter takes that time off
 * the response time to tell when the server counted the request, so the metric named in
 * {@code quotaflow.api.server-timing} must only cover time <em>after</em> the API's rate limiter
 * counted the request; a metric that also covers time before would make stamps too early.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";

    private ServerTiming() {
    }

    /** The metric's {@code dur} in nanoseconds; 0 when the header, the metric or a usable dur is missing. */
    public static long nanos(HttpResponse response, String metric) {
        long[] found = {0};
        MessageSupport.parseElements(response, HEADER, element -> {
            if (found[0] == 0 && element.getName().equals(metric)) {
                found[0] = durNanos(element.getParameterByName("dur"));
            }
        });
        return found[0];
    }

    private static long durNanos(NameValuePair dur) {
        if (dur == null || dur.getValue() == null) {
            return 0;
        }
        try {
            double millis = Double.parseDouble(dur.getValue().trim());
            return Double.isFinite(millis) && millis > 0 ? (long) (millis * 1_000_000) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
