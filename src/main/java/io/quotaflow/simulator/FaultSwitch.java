package io.quotaflow.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link Faults} by name, for a simulator in a process of its own ({@link SimulatorMain}): there the Java API the
 * tests use is out of reach, so {@code POST /_sim/faults?error500=0.05&slow=0.1&slowTime=3s} switches them with
 * the names below.
 *
 * <p>All values are checked before any is applied, so a request with one bad value changes nothing.
 */
final class FaultSwitch {

    /** The names, in the order {@link #describe} lists them; each a rate in [0, 1] unless noted. */
    static final List<String> NAMES = List.of("error500", "malformed", "missingPrice", "hang", "hangTime", "reset",
            "slow", "slowTime", "bodyRateLimit", "burst");

    private FaultSwitch() {
    }

    /**
     * Applies {@code name=value} pairs to {@code faults}.
     *
     * @throws IllegalArgumentException naming the first unknown name or bad value; then nothing was changed
     */
    static void apply(Faults faults, Map<String, String> values) {
        List<Consumer<Faults>> changes = new ArrayList<>();
        values.forEach((name, value) -> changes.add(change(name, value)));
        changes.forEach(c -> c.accept(faults));
    }

    private static Consumer<Faults> change(String name, String value) {
        return switch (name) {
            case "error500" -> rate(name, value, Faults::error500Rate);
            case "malformed" -> rate(name, value, Faults::malformedRate);
            case "missingPrice" -> rate(name, value, Faults::missingPriceRate);
            case "hang" -> rate(name, value, Faults::hangRate);
            case "reset" -> rate(name, value, Faults::resetRate);
            case "slow" -> rate(name, value, Faults::slowRate);
            case "bodyRateLimit" -> rate(name, value, Faults::bodyRateLimitRate);
            case "hangTime" -> {
                Duration d = SimulatorMain.parseDuration(name, value);
                yield f -> f.hangTime(d);
            }
            case "slowTime" -> {
                Duration d = SimulatorMain.parseDuration(name, value);
                yield f -> f.slowTime(d);
            }
            case "burst" -> {
                int n = count(name, value);
                yield f -> f.rateLimitBurst(n);
            }
            default -> throw new IllegalArgumentException("unknown fault '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }

    private interface RateSetter {
        Faults set(Faults faults, double rate);
    }

    private static Consumer<Faults> rate(String name, String value, RateSetter setter) {
        double rate;
        try {
            rate = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a rate within [0, 1]: '" + value + "'");
        }
        Faults.checkRate(rate, name);
        return f -> setter.set(f, rate);
    }

    private static int count(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException(name + " needs a whole number of requests >= 0: '" + value + "'");
    }

    /** The current switches under the names {@link #apply} takes (times in milliseconds, as {@code hangTimeMillis}). */
    static Map<String, Object> describe(Faults f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error500", f.error500Rate());
        m.put("malformed", f.malformedRate());
        m.put("missingPrice", f.missingPriceRate());
        m.put("hang", f.hangRate());
        m.put("hangTimeMillis", f.hangTime().toMillis());
        m.put("reset", f.resetRate());
        m.put("slow", f.slowRate());
        m.put("slowTimeMillis", f.slowTime().toMillis());
        m.put("bodyRateLimit", f.bodyRateLimitRate());
        m.put("burst", f.burstRemaining());
        return m;
    }
}
