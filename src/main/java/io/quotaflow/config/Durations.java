package io.quotaflow.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations used in settings: {@code 250ms}, {@code 5s}, {@code 1m}, {@code 2h}. */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String key, String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim().toLowerCase());
        if (!m.matches()) {
            throw new ConfigException(key, "'" + text + "' is not a duration; use e.g. 250ms, 5s, 1m or 2h");
        }
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            d = null; // more digits than a long holds
        }
        if (d == null || d.compareTo(MAX) > 0) {
            throw new ConfigException(key, "'" + text + "' is too long; at most " + MAX.toDays() + " days");
        }
        return d;
    }

    /** The longest duration a setting takes: a year. Longer ones are typos, and would overflow nanosecond clocks. */
    static final Duration MAX = Duration.ofDays(366);

    public static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Short form for logs and summaries, e.g. {@code 5s} or {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 || ms % 1000 != 0) {
            return ms + "ms";
        }
        // the largest unit that divides it, as a user writes it: 30s, 1m, 24h (not 86400s)
        long s = ms / 1000;
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
