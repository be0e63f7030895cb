package io.quotaflow.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import io.quotaflow.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code quotaflow.api.rate-limited-when}: some APIs answer 200 with an error body when you are over
 * the limit. A comma-separated list of conditions on the JSON body; any match means "rate limited":
 * <ul>
 *   <li>{@code /Note} — the field is present (Alpha Vantage)</li>
 *   <li>{@code /code=429} — the field's text equals the value (Twelve Data)</li>
 *   <li>{@code /Error Message~Limit Reach} — the field's text contains the value (FMP)</li>
 * </ul>
 */
public final class BodyRateLimitRule {

    private record Condition(String pointer, char op, String value) {
        boolean matches(JsonNode body) {
            JsonNode n = body.at(pointer);
            if (n.isMissingNode() || n.isNull()) {
                return false;
            }
            return switch (op) {
                case '=' -> n.asText().equals(value);
                case '~' -> n.asText().contains(value);
                default -> true;
            };
        }
    }

    private final List<Condition> conditions = new ArrayList<>();

    public BodyRateLimitRule(String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (!p.startsWith("/")) {
                throw new ConfigException("quotaflow.api.rate-limited-when",
                        "'" + p + "' must start with a JSON Pointer, e.g. /Note or /code=429 or /Error Message~Limit Reach");
            }
            int eq = p.indexOf('=');
            int ti = p.indexOf('~');
            int at = eq < 0 ? ti : ti < 0 ? eq : Math.min(eq, ti);
            conditions.add(at < 0 ? new Condition(p, ' ', null)
                    : new Condition(p.substring(0, at), p.charAt(at), p.substring(at + 1)));
        }
    }

    public boolean matches(JsonNode body) {
        return body != null && body.isContainerNode() && conditions.stream().anyMatch(c -> c.matches(body));
    }
}
