package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Why a line is not a ticker, said in terms that hold for the pattern in use. */
class TickerLinesTest {

    private final TickerLines defaults = new TickerLines(Pattern.compile(TickerLines.DEFAULT_SYMBOL));

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNotPartOfIt() {
        assertThat(defaults.parse(1, "\uFEFFaapl").ticker()).isEqualTo("AAPL");
        assertThat(defaults.parse(1, "\uFEFF# header")).as("still a comment").isNull();
        assertThat(defaults.parse(2, "\uFEFF")).as("a mark on a later line (lists joined by cat): blank").isNull();
    }

    @Test
    void spacesThatDoNotBreakAndInvisibleCharactersAtALinesEdgesAreTrimmedLikeBlanks() {
        // text pasted from web pages and spreadsheets: "AAPL\u00A0" was invalid though no symbol has such a character
        for (String edge : new String[] {"\u00A0", "\u2007", "\u202F", "\u200B", "\u2060", "\uFEFF"}) {
            String code = String.format("U+%04X", (int) edge.charAt(0));
            TickerLines lines = new TickerLines(Pattern.compile(TickerLines.DEFAULT_SYMBOL));
            assertThat(lines.parse(2, "aapl" + edge).ticker()).as(code).isEqualTo("AAPL");
            assertThat(lines.parse(3, edge + " msft" + edge + edge + "\t").ticker()).as(code).isEqualTo("MSFT");
            assertThat(lines.parse(4, edge + "# comment")).as(code + ": a comment").isNull();
            assertThat(lines.parse(5, edge + " " + edge)).as(code + ": a blank line").isNull();
            assertThat(lines.parse(6, "BRK" + edge + "B").reason()).as(code + ": inside, named")
                    .startsWith("not a valid symbol: contains ").contains("(" + code + ")");
        }
        assertThat(TickerLines.text("\u00A0\u200BIBM\u2060\uFEFF", false)).as("the up-front count sees the same").isEqualTo("IBM");
    }

    @Test
    void theReasonNamesTheFirstCharacterNoSymbolHasOrTheLength() {
        assertThat(defaults.parse(1, "aapl&apikey=abcdefgh").reason()).startsWith("not a valid symbol: contains '&'");
        assertThat(defaults.parse(1, "BRK B").reason()).contains("contains a space");
        assertThat(defaults.parse(1, "ABCDEFGHIJKLMNOPQ").reason()).contains("too long (17 characters, at most 15)");
        assertThat(defaults.parse(1, "-ABC").reason()).isEqualTo("not a valid symbol; expected " + TickerLines.DEFAULT_SYMBOL);
    }

    @Test
    void withAnotherPatternTheDefaultLengthIsNotTheReason() {
        TickerLines longer = new TickerLines(Pattern.compile("[A-Z]{1,20}"));
        assertThat(longer.parse(1, "ABCDEFGHIJKLMNOPQR").isValid()).isTrue();
        assertThat(longer.parse(2, "ABCDEFGHIJKLMNOPQ1").reason()).isEqualTo("not a valid symbol; expected [A-Z]{1,20}");
    }

    @Test
    void aTickerOfOnlyDotsIsInvalidWhateverThePattern() {
        // In a path template (Polygon's /v2/aggs/ticker/{ticker}/prev) "." and ".." are dot segments: percent-encoding
        // leaves dots alone (and %2E is the same character to a server), so a pattern that let them through sent
        // /v2/aggs/ticker/../prev, which a server or proxy that removes dot segments reads as /v2/aggs/prev.
        TickerLines dotted = new TickerLines(Pattern.compile("[A-Z.]+"));
        assertThat(dotted.parse(1, "..").isValid()).isFalse();
        assertThat(dotted.parse(1, "..").reason()).isEqualTo("not a valid symbol: only dots");
        assertThat(dotted.parse(2, ".").isValid()).isFalse();
        assertThat(dotted.parse(3, "...").isValid()).isFalse();
        assertThat(dotted.parse(4, "A.").isValid()).isTrue();
        assertThat(dotted.parse(5, ".A").isValid()).isTrue();
    }

    @Test
    void anInvalidLineIsShownAsWritten() {
        assertThat(defaults.parse(1, "  ../../admin ").ticker()).isEqualTo("../../admin");
    }

    @Test
    void anInvalidLineIsNeverASpreadsheetFormula() {
        assertThat(defaults.parse(1, "=HYPERLINK(\"http://x\")").ticker()).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(defaults.parse(2, "@SUM(A1)").ticker()).isEqualTo("'@SUM(A1)");
        assertThat(defaults.parse(3, "-ABC").ticker()).isEqualTo("'-ABC");
        assertThat(defaults.parse(4, "+1").ticker()).isEqualTo("'+1");
    }

    @Test
    void onlyAsciiLettersAreUpperCasedSoNoOtherLetterBecomesASymbol() {
        // toUpperCase makes IBM of "ıbm" (dotless i), SPY of "ſpy" (long s), FI of "ﬁ" and STRASSE of "straße"
        assertThat(defaults.parse(1, "ıbm").reason()).startsWith("not a valid symbol: contains 'ı'");
        assertThat(defaults.parse(2, "ſpy").isValid()).isFalse();
        assertThat(defaults.parse(3, "ﬁ").isValid()).isFalse();
        assertThat(defaults.parse(4, "straße").reason()).contains("contains 'ß'");
        TickerItem ibm = defaults.parse(5, "ibm");
        assertThat(ibm.ticker()).isEqualTo("IBM");
        assertThat(ibm.isValid()).as("the real IBM is the first one, not a duplicate").isTrue();
    }

    @Test
    void aLineWithBytesThatAreNotUtf8IsInvalidAsSuchWhereverTheyAre() {
        for (String raw : new String[] {"\uFFFDAPL", "AA\uFFFDL", "AAP\uFFFD"}) {
            TickerItem item = defaults.parse(1, raw);
            assertThat(item.status()).isEqualTo(TickerItem.Status.INVALID);
            assertThat(item.reason()).as(raw).isEqualTo("not valid UTF-8 text");
        }
    }

    @Test
    void everyAsciiLetterIsUpperCasedAndEveryCharacterTheDefaultAllowsIsNotTheReason() {
        assertThat(defaults.parse(1, "az").ticker()).isEqualTo("AZ");
        assertThat(defaults.parse(2, "az09.-&").reason()).startsWith("not a valid symbol: contains '&'");
        assertThat(defaults.parse(3, "ZA90-.[").reason()).startsWith("not a valid symbol: contains '['");
        // fifteen allowed characters, the first of which may not start a symbol: not "too long"
        assertThat(defaults.parse(4, "-ABCDEFGHIJKLMN").reason())
                .isEqualTo("not a valid symbol; expected " + TickerLines.DEFAULT_SYMBOL);
    }

    @Test
    void anInvalidLineIsShownUpToFortyCharactersAndNeverCutInsideACharacter() {
        String forty = "&".repeat(40);
        assertThat(defaults.parse(1, forty).ticker()).isEqualTo(forty);
        assertThat(defaults.parse(2, forty + "X").ticker()).isEqualTo(forty + "\u2026");
        String emojiAtTheCut = "&".repeat(39) + "\uD83D\uDE00" + "&&";
        assertThat(defaults.parse(3, emojiAtTheCut).ticker()).isEqualTo("&".repeat(39) + "\u2026");
    }

    @Test
    void aLineTooLongToKeepIsInvalidUnlessItIsAComment() {
        assertThat(defaults.parseCut(1, "# a very long comment", 5000)).isNull();
        TickerItem cut = defaults.parseCut(2, "  AAPL" + "X".repeat(994), 5000);
        assertThat(cut.status()).isEqualTo(TickerItem.Status.INVALID);
        assertThat(cut.reason()).isEqualTo("line too long (5000 characters; a list line is read up to 1000)");
        assertThat(cut.ticker()).startsWith("AAPLXX").hasSize(41);
        TickerItem blanks = defaults.parseCut(3, " ".repeat(1000), 5000);
        assertThat(blanks).as("a long run of blanks before something is no blank line").isNotNull();
        assertThat(blanks.status()).isEqualTo(TickerItem.Status.INVALID);
    }

    @Test
    void aCharacterThatCannotBeSeenOrLooksLikeAnAsciiOneIsNamedByItsCodePoint() {
        // "contains ' '" for a no-break space, "contains ''" for a zero-width one, "contains 'K'" for the Kelvin sign:
        // the row said what was wrong in a way no one could see
        assertThat(defaults.parse(1, "IBM\u00A0X").reason()).startsWith("not a valid symbol: contains a space character (U+00A0)");
        assertThat(defaults.parse(2, "GO\u200BOG").reason()).startsWith("not a valid symbol: contains an invisible character (U+200B)");
        assertThat(defaults.parse(3, "AAPL\u2028MSFT").reason()).startsWith("not a valid symbol: contains a space character (U+2028)");
        assertThat(defaults.parse(4, "\u212AO").reason()).startsWith("not a valid symbol: contains '\u212A' (U+212A, not ASCII)");
        assertThat(defaults.parse(5, "\u0410APL").reason()).startsWith("not a valid symbol: contains '\u0410' (U+0410, not ASCII)");
        assertThat(defaults.parse(6, "AB\u0000CD").reason()).startsWith("not a valid symbol: contains a control character (U+0000)");
        assertThat(defaults.parse(7, "BRK\tB").reason()).startsWith("not a valid symbol: contains a tab");
        assertThat(defaults.parse(8, "x\uD83D\uDE00").reason()).startsWith("not a valid symbol: contains '\uD83D\uDE00' (U+1F600, not ASCII)");
    }

    @Test
    void aCommentAfterASymbolIsNamedAsTheReason() {
        // only a whole line is a comment: "AAPL # apple" read as "contains a space", which hid why
        TickerItem item = defaults.parse(1, "AAPL # apple");
        assertThat(item.isValid()).isFalse();
        assertThat(item.reason()).contains("contains a space").contains("a # comment must be a line of its own");
        TickerLines other = new TickerLines(Pattern.compile("[A-Z]+"));
        assertThat(other.parse(1, "AAPL#apple").reason()).contains("a # comment must be a line of its own");
    }

    @Test
    void aRepeatIsADuplicateOfTheFirstOccurrenceWhateverItsCase() {
        assertThat(defaults.parse(1, "AAPL").isValid()).isTrue();
        TickerItem again = defaults.parse(2, " aapl ");
        assertThat(again.status()).isEqualTo(TickerItem.Status.DUPLICATE);
        assertThat(again.ticker()).isEqualTo("AAPL");
        assertThat(again.reason()).isEqualTo("duplicate of an earlier line");
        assertThat(again.line()).isEqualTo(2);
    }

    @Test
    void theQuoteBeforeAFormulaLikeLineIsTakenOffAgainAndNoOtherQuote() {
        // a resumed run compares a row's line with the list's: the row holds it as shown
        assertThat(TickerLines.unescaped(defaults.parse(1, "=1+2").ticker())).isEqualTo("=1+2");
        assertThat(TickerLines.unescaped("'ABC")).as("a quote the line itself starts with").isEqualTo("'ABC");
        assertThat(TickerLines.unescaped("'")).isEqualTo("'");
        assertThat(TickerLines.unescaped("AB'C")).isEqualTo("AB'C");
    }
}
