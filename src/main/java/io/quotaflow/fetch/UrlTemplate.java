package io.quotaflow.fetch;

import io.quotaflow.config.QuotaflowSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Expands {@code quotaflow.api.url}. The ticker is percent-encoded (everything but letters, digits
 * and {@code - . _ ~}), so no input can add a query parameter or change the path.
 *
 * <p>The API key and nonce are NOT put into the URL here: the route only ever sees random
 * placeholder tokens, and {@link WireGuard} swaps in the real values inside HttpClient. So the key is
 * never in an exchange header, an endpoint URI, a log line, a trace or a JMX attribute.
 */
public final class UrlTemplate {

    private final String template;
    private final String keyToken;
    private final String nonceToken;

    public UrlTemplate(String template) {
        this.template = template;
        String salt = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        this.keyToken = "qfkey" + salt;
        this.nonceToken = "qfnonce" + salt;
    }

    /** The request URI for a ticker, with placeholder tokens for key and nonce. */
    public String forTicker(String ticker) {
        return template.replace(QuotaflowSettings.TICKER, encode(ticker))
                .replace(QuotaflowSettings.API_KEY, keyToken)
                .replace(QuotaflowSettings.NONCE, nonceToken);
    }

    /** Fills in the secrets; only called by {@link WireGuard} on the request about to be written. */
    String atTheWire(String pathAndQuery, String apiKey, long nonce) {
        return pathAndQuery.replace(keyToken, encode(apiKey)).replace(nonceToken, Long.toString(nonce));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
