package io.quotaflow.fetch;

import io.quotaflow.config.ConfigException;
import io.quotaflow.config.QuotaflowSettings;

/**
 * {@code quotaflow.api.key-header}: the request header that carries the API key. A bare name
 * ({@code X-Finnhub-Token}) sends the key as its value; {@code Name: template} sends the template with
 * {@code {apiKey}} filled in, for APIs that want a scheme before the key ({@code Authorization: Bearer {apiKey}}).
 * The value is made only inside HttpClient ({@link WireGuard}), so the key never sits on a Camel exchange.
 */
public record KeyHeader(String name, String template) {

    private static final String KEY = "quotaflow.api.key-header";
    private static final String PLACEHOLDER = "{apiKey}";

    /** The setting's value, checked; null when it is empty (the key goes in the URL only). */
    public static KeyHeader parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        if (!name.matches(QuotaflowSettings.HTTP_TOKEN)) {
            // the name is not shown either: with the ':' forgotten (Authorization Bearer KEY) or '=' written for it
            // (X-Api-Key=KEY), a key written there is part of it; the first character that is not allowed is named
            throw new ConfigException(KEY, (colon < 0 ? "the value" : "the header name before ':'")
                    + " is not a header name (it " + (name.isEmpty() ? "is empty" : "holds " + shown(firstBad(name)))
                    + "; letters, digits and !#$%&'*+.^_`|~- only, e.g. X-Api-Key, or Name: template, e.g."
                    + " Authorization: Bearer {apiKey}), or empty to put the key in the URL only");
        }
        if (colon < 0) {
            return new KeyHeader(name, PLACEHOLDER);
        }
        String template = spec.substring(colon + 1).trim();
        // the value is named, never shown: it may hold a key written there by mistake
        if (template.indexOf(PLACEHOLDER) < 0 || template.indexOf(PLACEHOLDER) != template.lastIndexOf(PLACEHOLDER)) {
            throw new ConfigException(KEY, "the value after '" + name + ":' must hold {apiKey} once, e.g."
                    + " Authorization: Bearer {apiKey}");
        }
        if (!template.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f)) {
            throw new ConfigException(KEY, "the value after '" + name + ":' may hold only printable ASCII");
        }
        return new KeyHeader(name, template);
    }

    private static int firstBad(String name) {
        return name.codePoints().filter(c -> !Character.toString(c).matches(QuotaflowSettings.HTTP_TOKEN))
                .findFirst().orElse(' ');
    }

    private static String shown(int c) {
        return c == ' ' ? "a space" : c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    /** The header's value for this key. */
    public String value(String secret) {
        return template.replace(PLACEHOLDER, secret);
    }
}
