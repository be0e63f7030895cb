package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An API key typed into the URL's query stays out of the request URI the route sees, and is back at the wire. */
class UrlTemplateSecretTest {

    @Test
    void aKeyWrittenIntoTheQueryIsSwappedForATokenUntilTheWire() {
        UrlTemplate urls = new UrlTemplate("http://h/quote?symbol={ticker}&token=s3cr3t-KEY&x={apiKey}", List.of("s3cr3t-KEY"));

        String uri = urls.forTicker("AAPL&apikey=x");

        assertThat(uri).doesNotContain("s3cr3t-KEY").startsWith("http://h/quote?symbol=AAPL%26apikey%3Dx&token=qfsecret");
        String path = uri.substring("http://h".length());
        assertThat(urls.atTheWire(path, "s3cr3t-KEY", 0))
                .isEqualTo("/quote?symbol=AAPL%26apikey%3Dx&token=s3cr3t-KEY&x=s3cr3t-KEY");
    }

    @Test
    void aKeyWrittenAsThePathSegmentBeforeTheQueryIsSwappedToo() {
        UrlTemplate urls = new UrlTemplate("https://h/v1/s3cr3t-KEY?symbol={ticker}", List.of("s3cr3t-KEY"));

        String uri = urls.forTicker("AAPL");

        assertThat(uri).doesNotContain("s3cr3t-KEY");
        assertThat(urls.atTheWire(uri.substring("https://h".length()), "s3cr3t-KEY", 0))
                .isEqualTo("/v1/s3cr3t-KEY?symbol=AAPL");
    }

    @Test
    void elevenLiteralKeysComeBackEachAsItself() {
        // the 2nd key's token must not be the start of the 11th's (x1 inside x10 swapped the wrong key back)
        List<String> keys = IntStream.rangeClosed(1, 11).mapToObj(i -> "key-" + i + "-s3cr3t").toList();
        String query = IntStream.rangeClosed(1, 11).mapToObj(i -> "k" + i + "=key-" + i + "-s3cr3t")
                .collect(Collectors.joining("&"));
        UrlTemplate urls = new UrlTemplate("http://h/q?s={ticker}&" + query, keys);

        String uri = urls.forTicker("AAPL");

        assertThat(uri).doesNotContain("s3cr3t");
        assertThat(urls.atTheWire(uri.substring("http://h".length()), "unused", 0)).isEqualTo("/q?s=AAPL&" + query);
    }

    @Test
    void aTemplateWithoutLiteralKeysIsUnchanged() {
        UrlTemplate urls = new UrlTemplate("http://h/q?s={ticker}", List.of("k"));
        assertThat(urls.forTicker("MSFT")).isEqualTo("http://h/q?s=MSFT");
    }
}
