package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Duplicates are found exactly: two different tickers never share a packed value, so none is taken for a repeat. */
class SeenTickersTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-";

    @Test
    void aRepeatIsFoundWhetherTheTickerIsPackedOrNot() {
        SeenTickers seen = new SeenTickers();
        assertThat(seen.add("AAPL")).isTrue();
        assertThat(seen.add("BRK.B")).isTrue();
        assertThat(seen.add("ABCDEFGHIJKLM")).as("13 characters: kept as text").isTrue();
        assertThat(seen.add("ÄPL")).as("another pattern's character: kept as text").isTrue();

        assertThat(seen.add("AAPL")).isFalse();
        assertThat(seen.add("BRK.B")).isFalse();
        assertThat(seen.add("ABCDEFGHIJKLM")).isFalse();
        assertThat(seen.add("ÄPL")).isFalse();
        assertThat(seen.add("AAPL.")).as("one character more is another ticker").isTrue();
    }

    @Test
    void noTwoTickersOfUpToTwelveCharactersShareAValue() {
        // every ticker of one and two characters, the extremes of twelve, and 300,000 random ones
        Set<String> tickers = new HashSet<>();
        for (char a : ALPHABET.toCharArray()) {
            tickers.add(String.valueOf(a));
            for (char b : ALPHABET.toCharArray()) {
                tickers.add("" + a + b);
            }
        }
        tickers.add("000000000000");
        tickers.add("------------");
        tickers.add("-----------.");
        tickers.add("0-----------");
        Random random = new Random(42);
        while (tickers.size() < 300_000) {
            StringBuilder t = new StringBuilder();
            for (int n = 1 + random.nextInt(12); n > 0; n--) {
                t.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            tickers.add(t.toString());
        }
        Set<Long> values = new HashSet<>();
        for (String t : tickers) {
            long value = SeenTickers.pack(t);
            assertThat(value).as(t).isNotZero();
            values.add(value);
        }
        assertThat(values).hasSameSizeAs(tickers);

        SeenTickers seen = new SeenTickers();
        assertThat(tickers).allMatch(seen::add);
        assertThat(tickers).noneMatch(seen::add);
    }
}
