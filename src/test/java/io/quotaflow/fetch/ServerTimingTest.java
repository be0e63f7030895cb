package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

    private static BasicHttpResponse response(String... serverTiming) {
        BasicHttpResponse response = new BasicHttpResponse(200);
        for (String value : serverTiming) {
            response.addHeader(ServerTiming.HEADER, value);
        }
        return response;
    }

    @Test
    void readsTheNamedMetricAmongOthers() {
        BasicHttpResponse r = response("cache;desc=\"Cache Read, warm\";dur=23.2, db;dur=53, app;dur=47.25");
        assertThat(ServerTiming.nanos(r, "app")).isEqualTo(47_240_000L);
        assertThat(ServerTiming.nanos(r, "db")).isEqualTo(52_000_000L);
    }

    @Test
    void takesOffTheLeastTheServerCanHaveMeantAtItsPrecision() {
        // a server that rounds up may report 33 for 32.01 ms: the stamp must not come before its count
        assertThat(ServerTiming.nanos(response("app;dur=33"), "app")).isEqualTo(32_000_000L);
        assertThat(ServerTiming.nanos(response("app;dur=33.0"), "app")).isEqualTo(32_900_000L);
        assertThat(ServerTiming.nanos(response("app;dur=33.512"), "app")).isEqualTo(33_511_000L);
        assertThat(ServerTiming.nanos(response("app;dur=33.5125"), "app")).isEqualTo(33_512_400L);
        assertThat(ServerTiming.nanos(response("app;dur=1"), "app")).as("1 ms at whole-ms precision").isZero();
        assertThat(ServerTiming.nanos(response("app;dur=4e1"), "app")).as("40 at a precision of 10 ms").isEqualTo(30_000_000L);
    }

    @Test
    void readsMetricsSpreadOverSeveralHeaders() {
        assertThat(ServerTiming.nanos(response("db;dur=5", "app;dur=12.5"), "app")).isEqualTo(12_400_000L);
    }

    @Test
    void theFirstOccurrenceWins() {
        assertThat(ServerTiming.nanos(response("app;dur=10, app;dur=99"), "app")).isEqualTo(9_000_000L);
        assertThat(ServerTiming.nanos(response("app;dur=1, app;dur=99"), "app")).as("even when it is no use").isZero();
    }

    @Test
    void missingOrUnusableDurationsCountAsNone() {
        assertThat(ServerTiming.nanos(response(), "app")).isZero();
        assertThat(ServerTiming.nanos(response("db;dur=5"), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app"), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app;desc=\"no dur\""), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app;dur=fast"), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app;dur=-3"), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app;dur=NaN"), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app;dur=1e999999999999"), "app")).isZero();
        assertThat(ServerTiming.nanos(response("app;dur=2e999999999"), "app")).as("longer than a day").isZero();
        assertThat(ServerTiming.nanos(response("App;dur=5"), "app")).as("metric names are exact").isZero();
    }
}
