package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Retry-After as delay-seconds or an HTTP date; anything else means "use the backoff". */
class RetryAfterTest {

    @Test
    void delaySeconds() {
        assertThat(RetryAfter.parse(" 7 ")).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("-3")).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheTimeLeftUntilThen() {
        String inOneMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        assertThat(RetryAfter.parse(inOneMinute)).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void aWaitLongerThanADayIsADay() {
        assertThat(RetryAfter.parse("31536000")).contains(Duration.ofDays(1));
        assertThat(RetryAfter.parse("99999999999999999")).contains(Duration.ofDays(1));
        // too long for a long: still the longest wait, not "no header" (which would retry after the backoff)
        assertThat(RetryAfter.parse("99999999999999999999")).contains(Duration.ofDays(1));
        assertThat(RetryAfter.parse("Fri, 01 Jan 9999 00:00:00 GMT")).contains(Duration.ofDays(1));
    }

    @Test
    void missingOrUnreadableIsEmpty() {
        assertThat(RetryAfter.parse(null)).isEmpty();
        assertThat(RetryAfter.parse("  ")).isEmpty();
        assertThat(RetryAfter.parse("soon")).isEmpty();
    }
}
