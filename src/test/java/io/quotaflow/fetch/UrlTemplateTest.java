package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No ticker can add a query parameter or change the path; keys only appear at the wire. */
class UrlTemplateTest {

    private final UrlTemplate template = new UrlTemplate("http://api.test/v1/{ticker}/quote?symbol={ticker}&apikey={apiKey}");

    @ParameterizedTest
    @ValueSource(strings = {"AAPL&apikey=x", "../../admin", "MSFT?x=1", "%41%41", "BRK B", "A#B", "A/B"})
    void hostileInputStaysInsideItsPlaceholder(String ticker) {
        URI uri = URI.create(template.forTicker(ticker));
        assertThat(uri.getHost()).isEqualTo("api.test");
        assertThat(uri.getRawPath()).startsWith("/v1/").endsWith("/quote").doesNotContain("/../");
        assertThat(uri.getPath()).isEqualTo("/v1/" + ticker + "/quote");
        assertThat(uri.getRawQuery().split("&")).hasSize(2);
        assertThat(uri.getRawFragment()).isNull();
    }

    @Test
    void theKeyIsOnlyFilledInAtTheWire() {
        String routeSide = template.forTicker("IBM");
        assertThat(routeSide).doesNotContain("k3y").doesNotContain("{apiKey}");
        String wire = template.atTheWire(URI.create(routeSide).getRawPath() + "?" + URI.create(routeSide).getRawQuery(), "k3y&x=1", 7);
        assertThat(wire).isEqualTo("/v1/IBM/quote?symbol=IBM&apikey=k3y%26x%3D1");
    }
    @Test
    void onlyTheApisOwnSchemeHostAndPortAreTheApi() {
        UrlTemplate https = new UrlTemplate("https://API.example.com/q?s={ticker}&k={apiKey}&n={nonce}");
        assertThat(https.isApi("https", "api.example.com", 443)).isTrue();
        assertThat(https.isApi("HTTPS", "api.example.com", -1)).as("the default port").isTrue();
        assertThat(https.isApi("http", "api.example.com", 443)).isFalse();
        assertThat(https.isApi("https", "api.example.com", 8443)).isFalse();
        assertThat(https.isApi("https", "hooks.example.com", 443)).isFalse();
        UrlTemplate v6 = new UrlTemplate("http://[::1]:8080/q?s={ticker}");
        assertThat(v6.isApi("http", "::1", 8080)).isTrue();
        assertThat(v6.isApi("http", "[::1]", 8080)).isTrue();
        assertThat(v6.isApi("http", "127.0.0.1", 8080)).isFalse();
    }
}
