package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.QuotaflowApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real entry point with an invalid cron: exit code 2 and one line naming quotaflow.schedule. */
class InvalidScheduleExitTest {

    @Test
    void anInvalidCronStopsTheStartWithExitCode2() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("quotaflow.schedule", "every 15 minutes");
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
                .contains("quotaflow: invalid setting quotaflow.schedule: 'every 15 minutes' is not a Quartz cron expression");
    }
}
