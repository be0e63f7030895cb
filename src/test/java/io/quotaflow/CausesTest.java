package io.quotaflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.schedule.SafeRouteReloadStrategy;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every error message walks an exception's causes through {@link Causes}: bounded, each link once. */
class CausesTest {

    @Test
    void aChainIsReadOutermostFirst() {
        IOException disk = new IOException("No space left on device");
        RuntimeException wrapped = new RuntimeException("writing results.csv", disk);
        assertThat(Causes.of(wrapped)).containsExactly(wrapped, disk);
        assertThat(Causes.root(wrapped)).isSameAs(disk);
        assertThat(Causes.root(disk)).isSameAs(disk);
        assertThat(Causes.of(null)).isEmpty();
    }

    @Test
    @Timeout(10)
    void aLoopOfCausesIsWalkedOnceAndTheMessagesThatReadItEnd() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b); // a -> b -> a
        assertThat(Causes.of(a)).containsExactly(a, b);
        assertThat(Causes.root(a)).isSameAs(b);
        // the app's exit line and a live reload's error read the chain this way; before, they never returned
        // (Jobs.describe and RouteStepFailure were bounded already: FailureMessageTest, RouteStepFailureTest)
        assertThat(SafeRouteReloadStrategy.oneLine(a, List.of())).isEqualTo("a <- b");
    }

    @Test
    void aLongChainIsCutAtTheBound() {
        Throwable t = new Exception("0");
        for (int i = 1; i < 200; i++) {
            t = new Exception(Integer.toString(i), t);
        }
        List<Throwable> chain = Causes.of(t);
        assertThat(chain).hasSize(Causes.MAX);
        assertThat(chain.get(0).getMessage()).isEqualTo("199");
    }
}
