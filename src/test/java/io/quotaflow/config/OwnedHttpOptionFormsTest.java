package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each form Camel reads a camel-http option in is refused when quotaflow sets that option; other options pass. */
class OwnedHttpOptionFormsTest {

    @Test
    void everyFormOfAnOwnedOptionIsRefused() {
        for (String name : List.of("camel.component.http.maxTotalConnections", "camel.component.https.connectionsPerRoute",
                "camel.component.http.max-total-connections", "CAMEL_COMPONENT_HTTP_SOTIMEOUT",
                "CAMEL_COMPONENT_HTTPS_RESPONSE_TIMEOUT", "camel.component.http.automaticRetriesDisabled",
                "camel.component.http.httpClientConfigurer")) {
            assertThatThrownBy(() -> OwnedHttpOptions.check(List.of("java.home", name), "set with -D")).as(name)
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(name + ": quotaflow sets it; ");
        }
    }

    @Test
    void optionsQuotaflowLeavesAloneAndOtherComponentsPass() {
        assertThatCode(() -> OwnedHttpOptions.check(List.of("camel.component.http.followRedirects",
                "camel.component.http.userAgent", "camel.component.seda.queueSize", "CAMEL_COMPONENT_HTTP_PROXY_AUTH_HOST",
                "camel.component.httpx.soTimeout"), "set with -D")).doesNotThrowAnyException();
    }
}
