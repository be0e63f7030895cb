package io.quotaflow.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hc.client5.http.utils.DateUtils;

/** The {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, 10.2.3). */
final class RetryAfter {

    static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    /** How long the server asks us to wait; empty when the header is missing or unreadable. */
    static Optional<Duration> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException notSeconds) {
            Instant when = DateUtils.parseStandardDate(header.trim());
            if (when == null) {
                return Optional.empty();
            }
            Duration left = Duration.between(Instant.now(), when);
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
    }
}
