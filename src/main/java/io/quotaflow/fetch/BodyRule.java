package io.quotaflow.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import io.quotaflow.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Conditions on the JSON body of a 200. Real APIs answer 200 when they mean something else:
 * {@code quotaflow.api.rate-limited-when} ("slow down") and {@code quotaflow.api.unknown-when} ("no such
 * symbol") say how to tell. A comma-separated list; any match counts:
 * <ul>
 *   <li>{@code /Note} — the field is present and not null (Alpha Vantage's slow-down)</li>
 *   <li>{@code !/0} — the field is missing, null, {@code ""}, {@code []} or {@code {}} (FMP's unknown {@code []})</li>
 *   <li>{@code /code=429} — the field's text equals the value (Twelve Data)</li>
 *   <li>{@code /Error Message~Limit Reach} — the field's text contains the value (FMP)</li>
 * </ul>
 * The text is Jackson's {@code asText()}: a number as JSON wrote it, {@code 0} as "0".
 */
public final class BodyRule {

    /** @param written the condition as the setting wrote it: what the error column shows, never the body */
    private record Condition(String written, String pointer, char op, String value) {
        boolean matches(JsonNode body) {
            JsonNode n = body.at(pointer);
            boolean absent = n.isMissingNode() || n.isNull();
            if (op == '!') {
                // an API that has nothing for a symbol often still sends the field, just empty
                return absent || n.isContainerNode() && n.isEmpty() || n.isTextual() && n.asText().isEmpty();
            }
            if (absent) {
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

    /** @param setting the key the spec came from, so a bad one names it (exit 2 at start-up) */
    public BodyRule(String setting, String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String part : spec.split(",")) {
            String p = part.trim();
            boolean not = p.startsWith("!");
            String rest = not ? p.substring(1) : p;
            if (!rest.startsWith("/")) {
                throw new ConfigException(setting, "'" + p + "' must start with a JSON Pointer, e.g. /Note or !/0"
                        + " or /code=429 or /Error Message~Limit Reach");
            }
            int eq = rest.indexOf('=');
            int ti = rest.indexOf('~');
            int at = eq < 0 ? ti : ti < 0 ? eq : Math.min(eq, ti);
            if (not && at >= 0) {
                // "!/code=404" reads like "not equal", which this is not: refused rather than guessed
                throw new ConfigException(setting, "'" + p + "': ! takes a pointer alone (the field is missing or"
                        + " empty), without =value or ~value");
            }
            conditions.add(at < 0 ? new Condition(p, rest, not ? '!' : ' ', null)
                    : new Condition(p, rest.substring(0, at), rest.charAt(at), rest.substring(at + 1)));
        }
    }

    public boolean matches(JsonNode body) {
        return matched(body) != null;
    }

    /** The first condition the body meets, as written in the setting; null if none (or the body is no object/array). */
    public String matched(JsonNode body) {
        if (body == null || !body.isContainerNode()) {
            return null;
        }
        return conditions.stream().filter(c -> c.matches(body)).map(Condition::written).findFirst().orElse(null);
    }
}
