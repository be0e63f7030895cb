package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address);
        }
    }

    @Test
    void theFirstThreeFailuresCostNothing() {
        fail("10.0.0.1", 3);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }

    @Test
    void fromTheFourthTheWaitStartsAtOneSecondAndDoubles() {
        fail("10.0.0.1", 4);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        throttle.failed("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theWaitRunsDownWithTheClock() {
        fail("10.0.0.1", 5);
        now.addAndGet(Duration.ofMillis(1_500).toNanos());
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }

    @Test
    void theWaitNeverExceedsFiveMinutes() {
        fail("10.0.0.1", 100);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(LoginThrottle.LONGEST_BLOCK).isEqualTo(Duration.ofMinutes(5));
        assertThat(LoginThrottle.block(Integer.MAX_VALUE)).isEqualTo(LoginThrottle.LONGEST_BLOCK);
    }

    @Test
    void aSuccessfulLoginClearsTheAddress() {
        fail("10.0.0.1", 3);
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).as("a fresh count: one free failure").isZero();
    }

    @Test
    void addressesAreCountedApart() {
        fail("10.0.0.1", 4);
        fail("10.0.0.2", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isPositive();
        assertThat(throttle.waitFor("10.0.0.2")).isZero();
        assertThat(throttle.waitFor("10.0.0.3")).isZero();
    }
}
