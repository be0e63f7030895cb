package io.quotaflow.fetch;

import io.quotaflow.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hc.client5.http.utils.DateUtils;

/** The {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, 10.2.3). */
final class RetryAfter {

    static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    /**
     * The longest wait taken from a server: a day. A key resting longer is as good as gone for a job, and an
     * absurd value (a year in seconds, a date far off) must not overflow the limiter's nanosecond clock.
     */
    static final Duration MAX = Duration.ofDays(1);

    /** How long the server asks us to wait (at most {@link #MAX}); empty when the header is missing or unreadable. */
    static Optional<Duration> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        Duration wait;
        if (value.matches("-?\\d+")) {
            // seconds; a number too long for a long is still a very long wait, not a missing header
            wait = value.length() > 18 ? (value.startsWith("-") ? Duration.ZERO : MAX) : Duration.ofSeconds(Long.parseLong(value));
        } else {
            Instant when = DateUtils.parseStandardDate(value);
            if (when == null) {
                return Optional.empty();
            }
            wait = Duration.between(Instant.now(), when);
        }
        return Optional.of(wait.isNegative() ? Duration.ZERO : Durations.min(wait, MAX));
    }
}
