package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.QuotaflowApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real entry point with an invalid cron, or one with no slot to come: exit code 2 and one line naming quotaflow.schedule. */
class InvalidScheduleExitTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "every 15 minutes  | 'every 15 minutes' is not a Quartz cron expression",
        // Quartz refuses to schedule it: before, the start failed later, exit 1 and no key named
        "0 0 0 1 1 ? 2020  | '0 0 0 1 1 ? 2020' has no slot after now",
    })
    void anInvalidCronStopsTheStartWithExitCode2(String cron, String message) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("quotaflow.schedule", cron);
        System.setProperty("quotaflow.api.url", "http://127.0.0.1:9/quote?symbol={ticker}");
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code = new QuotaflowApp().run(new String[0]);
            assertThat(code).isEqualTo(QuotaflowApp.EXIT_BAD_CONFIG);
        } finally {
            System.setErr(err);
            System.clearProperty("quotaflow.schedule");
            System.clearProperty("quotaflow.api.url");
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("quotaflow: invalid setting quotaflow.schedule: " + message);
    }
}
