package io.quotaflow.fetch;

import com.carrotsearch.hppc.LongHashSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct valid tickers read so far, so that a repeat is reported as a duplicate: the one part of the list a
 * job keeps, so kept small, and exact. A ticker of up to 12 characters from A-Z, 0-9, '.' and '-' (what the
 * default pattern allows, up to that length) is packed into a long, one base-39 digit a character, none of them
 * zero, so no two tickers share a value (39^12 - 1 fits in 64 bits), and kept in a primitive set: about 16 bytes a
 * ticker, where a String in a HashSet took about 110 (a 1,000,000-line list of 780,051 distinct tickers needed a
 * 96 MB heap). Any other ticker (longer, or allowed by another quotaflow.symbol-pattern) is kept as a String.
 */
final class SeenTickers {

    private static final int MAX_PACKED = 12;

    private final LongHashSet packed = new LongHashSet();
    private final Set<String> others = new HashSet<>();

    /** @return true the first time a ticker is added, false for a repeat */
    boolean add(String ticker) {
        long value = pack(ticker);
        return value != 0 ? packed.add(value) : others.add(ticker);
    }

    /** The ticker as a base-39 number, or 0 when it does not fit one (empty, too long, another character). */
    static long pack(String ticker) {
        if (ticker.isEmpty() || ticker.length() > MAX_PACKED) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < ticker.length(); i++) {
            int digit = digit(ticker.charAt(i));
            if (digit == 0) {
                return 0;
            }
            value = value * 39 + digit; // below 39^12 < 2^64: the wrap of a long keeps values apart
        }
        return value;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return 1 + c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return 11 + c - 'A';
        }
        return c == '.' ? 37 : c == '-' ? 38 : 0;
    }
}
