package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths start with a ~ the shell did not expand, and what a message about one adds. */
class HomeTildeTest {

    @Test
    void aPathWhoseFirstPartStartsWithATildeLeads() {
        assertThat(HomeTilde.leads("~")).isTrue();
        assertThat(HomeTilde.leads("~/quotes")).isTrue();
        assertThat(HomeTilde.leads("~\\quotes")).isTrue();
        assertThat(HomeTilde.leads("~bob/quotes")).as("the shell's ~user form").isTrue();
        assertThat(HomeTilde.leads("quotes/~")).isFalse();
        assertThat(HomeTilde.leads("/home/me/quotes")).isFalse();
    }

    @Test
    void theFirstPartIsTheFolderJavaWouldMake() {
        assertThat(HomeTilde.firstPart("~/quotes")).isEqualTo("~");
        assertThat(HomeTilde.firstPart("~bob/quotes/today")).isEqualTo("~bob");
        assertThat(HomeTilde.firstPart("~bob\\quotes")).isEqualTo("~bob");
        assertThat(HomeTilde.firstPart("~")).isEqualTo("~");
    }

    @Test
    void theHintIsAddedOnlyForSuchAPath() {
        assertThat(HomeTilde.hint("~/tickers.txt")).isEqualTo("; a leading ~ is not expanded in -Dkey=~/... or a"
                + " settings file: write the full path (e.g. -Dkey=$HOME/...)");
        assertThat(HomeTilde.hint("tickers.txt")).isEmpty();
    }
}
