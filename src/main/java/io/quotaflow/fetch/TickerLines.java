package io.quotaflow.fetch;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns raw lines into {@link TickerItem}s in file order: trims and upper-cases, skips blanks and
 * {@code #} comments (returns null), rejects anything that is not a symbol, and marks repeats.
 * Runs on the reading thread, so "the first occurrence is fetched" holds even with parallel consumers.
 */
public final class TickerLines {

    /** Long enough to show what was wrong, short enough that a 5,000-character line stays readable. */
    private static final int SHOWN = 40;

    private final Pattern symbol;
    private final Set<String> seen = new HashSet<>();

    public TickerLines(Pattern symbol) {
        this.symbol = symbol;
    }

    /** @return the parsed item, or null for a blank or comment line */
    public TickerItem parse(long line, String raw) {
        String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        String ticker = text.toUpperCase(Locale.ROOT);
        if (ticker.indexOf('\uFFFD') >= 0) {
            return new TickerItem(line, shown(ticker), TickerItem.Status.INVALID, "not valid UTF-8 text");
        }
        if (!symbol.matcher(ticker).matches()) {
            String why = ticker.length() > 15 ? "too long (" + ticker.length() + " characters)" : "not a valid symbol";
            return new TickerItem(line, shown(ticker), TickerItem.Status.INVALID, why + "; expected " + symbol.pattern());
        }
        if (!seen.add(ticker)) {
            return new TickerItem(line, ticker, TickerItem.Status.DUPLICATE, "duplicate of an earlier line");
        }
        return TickerItem.of(line, ticker);
    }

    /** Distinct valid tickers so far. */
    public int distinct() {
        return seen.size();
    }

    private static String shown(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "…";
    }
}
