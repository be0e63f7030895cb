package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a viewer may exec: reads only, decided by whole camelCase words, failing closed. */
class ConsoleReadOnlyOperationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"getState", "isStarted", "dumpRouteAsXml()", "dumpRoutesStatsAsXml(boolean,boolean)",
            "list", "listEndpoints", "browseMessageBody(java.lang.String)", "canInvoke(java.util.Map)", "findDeadlockedThreads"})
    void readsAreAllowed(String operation) {
        assertThat(ReadOnlyOperations.isReadOnly(operation)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop()", "start", "suspend", "remove", "reset(boolean)", "gc", "setTracing(boolean)",
            "dumpHeap(java.lang.String,boolean)", "isolate", "getaway", "", "updateRouteFromXml(java.lang.String)"})
    void changesAreRefused(String operation) {
        assertThat(ReadOnlyOperations.isReadOnly(operation)).isFalse();
    }
}
