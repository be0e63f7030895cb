package io.quotaflow.fetch;

import io.quotaflow.config.QuotaflowSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands {@code quotaflow.api.url}. The ticker is percent-encoded (everything but letters, digits
 * and {@code - . _}), so no input can add a query parameter or change the path.
 *
 * <p>The API key and nonce are NOT put into the URL here: the route only ever sees random
 * placeholder tokens, and {@link WireGuard} swaps in the real values inside HttpClient. So the key is
 * never in an exchange header, an endpoint URI, a log line, a trace or a JMX attribute.
 */
public final class UrlTemplate {

    private final String template;
    private final String keyToken;
    private final String nonceToken;
    /** Where the API is: its URI (scheme, host, port), null when the template is no URL (never after the settings' check). */
    private final URI api;
    /** The API's port, explicit (80 or 443 when the URL has none). */
    private final int apiPort;

    /** Literal secrets written into the template, by the token that stands in for each. */
    private final Map<String, String> literals = new LinkedHashMap<>();

    public UrlTemplate(String template) {
        this(template, List.of());
    }

    /**
     * @param secrets the configured API keys: where one is written into the template literally (e.g.
     *                {@code ...&apikey=abc123} instead of {@code {apiKey}}), it is swapped for a token too,
     *                so it stays out of the exchange just like a placeholder key
     */
    public UrlTemplate(String template, List<String> secrets) {
        String salt = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        this.keyToken = "qfkey" + salt;
        this.nonceToken = "qfnonce" + salt;
        String t = template;
        int i = 0;
        for (String secret : secrets) {
            for (String form : List.of(secret, encode(secret))) {
                // whole query values or path segments (up to the next / ? # ; or &) only: a short key must not match
                // inside "{ticker}"
                Pattern whole = Pattern.compile("(?<=[=/])" + Pattern.quote(form) + "(?=[&/#?;]|$)");
                if (!form.isEmpty() && whole.matcher(t).find()) {
                    // closed by "z": no token is the start of another (x1 inside x10 swapped the wrong key back)
                    String token = "qfsecret" + salt + "x" + i++ + "z";
                    literals.put(token, form);
                    t = whole.matcher(t).replaceAll(token);
                }
            }
        }
        this.template = t;
        this.api = origin(t);
        this.apiPort = api == null ? -1 : port(api.getScheme(), api.getPort());
    }

    private static URI origin(String template) {
        try {
            URI uri = URI.create(template.replace(QuotaflowSettings.TICKER, "T").replace(QuotaflowSettings.API_KEY, "K")
                    .replace(QuotaflowSettings.NONCE, "1"));
            return uri.getHost() == null || uri.getScheme() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int port(String scheme, int port) {
        return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** An IPv6 host without its brackets: URI writes them, HttpClient's HttpHost may not. */
    private static String bare(String host) {
        return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Whether a request to this host is one to the API. Another host gets no key: a user's route step may call its
     * own services through the same HTTP component ({@link WireGuard} sees those too), and a redirect may lead anywhere.
     */
    boolean isApi(String scheme, String host, int port) {
        // called for every request: compared field by field, no string built
        return api == null || apiPort == port(scheme, port) && api.getScheme().equalsIgnoreCase(scheme)
                && bare(api.getHost()).equalsIgnoreCase(bare(host));
    }

    /** The request URI for a ticker, with placeholder tokens for key and nonce. */
    public String forTicker(String ticker) {
        return template.replace(QuotaflowSettings.TICKER, encode(ticker))
                .replace(QuotaflowSettings.API_KEY, keyToken)
                .replace(QuotaflowSettings.NONCE, nonceToken);
    }

    /** Fills in the secrets; only called by {@link WireGuard} on the request about to be written. */
    String atTheWire(String pathAndQuery, String apiKey, long nonce) {
        String filled = pathAndQuery.replace(keyToken, encode(apiKey)).replace(nonceToken, Long.toString(nonce));
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            filled = filled.replace(literal.getKey(), literal.getValue());
        }
        return filled;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
