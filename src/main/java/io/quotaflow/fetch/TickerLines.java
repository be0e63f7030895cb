package io.quotaflow.fetch;

import java.util.regex.Pattern;

/**
 * Turns raw lines into {@link TickerItem}s in file order: trims and upper-cases, skips blanks and
 * {@code #} comments (returns null), rejects anything that is not a symbol, and marks repeats.
 * Runs on the reading thread, so "the first occurrence is fetched" holds even with parallel consumers.
 */
public final class TickerLines {

    /** Long enough to show what was wrong, short enough that a 5,000-character line stays readable. */
    private static final int SHOWN = 40;

    /** quotaflow.symbol-pattern's default (application.properties): letters and digits, '.' or '-', at most 15. */
    public static final String DEFAULT_SYMBOL = "[A-Z0-9][A-Z0-9.\\-]{0,14}";

    /**
     * Trimmed at a line's edges besides what {@link String#strip} takes: spaces that do not break (U+00A0, U+2007,
     * U+202F) and invisible characters (zero-width space U+200B, word joiner U+2060, byte order mark U+FEFF), which
     * text pasted from web pages and spreadsheets brings along and no symbol has. The mark is also what Windows
     * editors write before the first line. Inside a line they stay, and make it invalid by their code point.
     */
    private static final String EDGE = "\u00A0\u2007\u202F\u200B\u2060\uFEFF";

    private final Pattern symbol;
    private final String encoding;
    private final SeenTickers seen = new SeenTickers();

    /** Lines read as UTF-8. */
    public TickerLines(Pattern symbol) {
        this(symbol, "UTF-8");
    }

    /** Lines read in {@code encoding}, the name a line that is not text in it is invalid by. */
    public TickerLines(Pattern symbol, String encoding) {
        this.symbol = symbol;
        this.encoding = encoding;
    }

    /**
     * A line's text as the list means it, or null for a blank or comment line: trimmed of blanks and of
     * {@link #EDGE} characters. Also what the up-front line count counts. Of a line of which only the start was
     * kept ({@code cut}) a comment is still one, anything else is a ticker line (a long run of blanks before
     * something is not a blank line).
     */
    static String text(String raw, boolean cut) {
        String text = trimmed(raw);
        return text.startsWith("#") || text.isEmpty() && !cut ? null : text;
    }

    /** Without blanks and {@link #EDGE} characters at either end. */
    public static String trimmed(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && edge(raw.charAt(start))) {
            start++;
        }
        while (end > start && edge(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static boolean edge(char c) {
        return Character.isWhitespace(c) || EDGE.indexOf(c) >= 0;
    }

    /** A line longer than the reader keeps ({@code start} is its beginning): invalid, unless it is a comment. */
    public TickerItem parseCut(long line, String start, long length) {
        String text = text(start, true);
        return text == null ? null : new TickerItem(line, shown(text.isEmpty() ? start : text),
                TickerItem.Status.INVALID, "line too long (" + length + " characters; a list line is read up to "
                + BoundedLines.MAX + ")");
    }

    /** @return the parsed item, or null for a blank or comment line */
    public TickerItem parse(long line, String raw) {
        String text = text(raw, false);
        if (text == null) {
            return null;
        }
        String ticker = upperCaseAscii(text);
        if (ticker.indexOf('\uFFFD') >= 0) {
            return new TickerItem(line, shown(text), TickerItem.Status.INVALID, "not valid " + encoding + " text");
        }
        if (!symbol.matcher(ticker).matches()) {
            // shown as written, so the line is easy to find
            return new TickerItem(line, shown(text), TickerItem.Status.INVALID,
                    "not a valid symbol" + why(ticker) + commentHint(text) + "; expected " + symbol.pattern());
        }
        if (ticker.chars().allMatch(c -> c == '.')) {
            // whatever the pattern: in a path template "." and ".." are dot segments that move the request to another
            // path (percent-encoding leaves dots alone), and no symbol is only dots
            return new TickerItem(line, shown(text), TickerItem.Status.INVALID, "not a valid symbol: only dots");
        }
        if (!seen.add(ticker)) {
            return new TickerItem(line, ticker, TickerItem.Status.DUPLICATE, "duplicate of an earlier line");
        }
        return TickerItem.of(line, ticker);
    }

    /**
     * Upper-cases a-z only. {@code toUpperCase} maps some other letters to ASCII ones ('ı' to 'I', 'ſ' to 'S',
     * 'ß' to "SS", 'ﬁ' to "FI"), which would turn a line that is no symbol into a valid one, fetch it, and
     * make the real symbol a later line's duplicate.
     */
    static String upperCaseAscii(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /** What is wrong in the terms of the default pattern, when that is the one in use; else nothing. */
    private String why(String ticker) {
        if (!DEFAULT_SYMBOL.equals(symbol.pattern())) {
            return "";
        }
        for (int i = 0; i < ticker.length(); i++) {
            char c = ticker.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return ": contains " + character(ticker.codePointAt(i));
            }
        }
        if (ticker.length() > 15) {
            return ": too long (" + ticker.length() + " characters, at most 15)";
        }
        return "";
    }

    /**
     * A character as a reason names it. One that cannot be seen (a no-break or zero-width space, a byte order mark)
     * or that looks like an ASCII one (the Kelvin sign, a Cyrillic A) goes by its code point too: "contains ' '"
     * or "contains 'K'" does not tell what is wrong.
     */
    private static String character(int c) {
        String code = String.format("U+%04X", c);
        if (c == ' ' || c == '\t') {
            return c == ' ' ? "a space" : "a tab";
        }
        if (Character.isISOControl(c)) {
            return "a control character (" + code + ")";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "a space character (" + code + ")";
        }
        if (Character.getType(c) == Character.FORMAT) {
            return "an invisible character (" + code + ")";
        }
        return "'" + Character.toString(c) + "'" + (c < 0x80 ? "" : " (" + code + ", not ASCII)");
    }

    /** Only a whole line is a comment: a # after a symbol made the line invalid for a reason that hid this. */
    private static String commentHint(String text) {
        return text.indexOf('#') > 0 ? " (a # comment must be a line of its own)" : "";
    }

    /**
     * A bad line as results.csv shows it: one line, at most {@link #SHOWN} characters, and never a spreadsheet
     * formula (a leading =, +, - or @ gets a ' before it, as spreadsheets themselves write text that starts so).
     */
    private static String shown(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        // cut between characters, never inside a surrogate pair (half an emoji cannot be written as UTF-8)
        String cut = oneLine.length() <= SHOWN ? oneLine
                : oneLine.substring(0, Character.isHighSurrogate(oneLine.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN) + "…";
        return looksLikeFormula(cut) ? "'" + cut : cut;
    }

    /** A shown line without the ' that {@link #shown} puts before one that looks like a formula. */
    public static String unescaped(String shown) {
        return shown.startsWith("'") && looksLikeFormula(shown.substring(1)) ? shown.substring(1) : shown;
    }

    private static boolean looksLikeFormula(String s) {
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
    }
}
