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
        assertThat(ServerTiming.nanos(r, "app")).isEqualTo(47_250_000L);
        assertThat(ServerTiming.nanos(r, "db")).isEqualTo(53_000_000L);
    }

    @Test
    void readsMetricsSpreadOverSeveralHeaders() {
        assertThat(ServerTiming.nanos(response("db;dur=5", "app;dur=12.5"), "app")).isEqualTo(12_500_000L);
    }

    @Test
    void theFirstOccurrenceWins() {
        assertThat(ServerTiming.nanos(response("app;dur=10, app;dur=99"), "app")).isEqualTo(10_000_000L);
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
        assertThat(ServerTiming.nanos(response("App;dur=5"), "app")).as("metric names are exact").isZero();
    }
}
