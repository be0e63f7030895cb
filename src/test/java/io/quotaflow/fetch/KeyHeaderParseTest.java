package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * quotaflow.api.key-header as written in the settings: the header a request gets for a key, and the message a
 * wrong one gets (without the value, which may hold a key). KeyHeaderTest sends such headers to a stub API.
 */
class KeyHeaderParseTest {

    @Test
    void aBareNameSendsTheKeyItself() {
        KeyHeader h = KeyHeader.parse(" X-Api-Key ");
        assertThat(h.name()).isEqualTo("X-Api-Key");
        assertThat(h.value("k-1")).isEqualTo("k-1");
    }

    @Test
    void aTemplateSendsTheKeyWhereItSays() {
        KeyHeader h = KeyHeader.parse("Authorization: Bearer {apiKey}");
        assertThat(h.name()).isEqualTo("Authorization");
        assertThat(h.value("k-1")).isEqualTo("Bearer k-1");
        // the key may be the whole value, or be followed by more
        assertThat(KeyHeader.parse("X-Token:{apiKey}").value("k-2")).isEqualTo("k-2");
        assertThat(KeyHeader.parse("X-Token: {apiKey};\tv=2").value("k-3")).isEqualTo("k-3;\tv=2");
    }

    @Test
    void emptyMeansTheKeyGoesInTheUrlOnly() {
        assertThat(KeyHeader.parse("")).isNull();
        assertThat(KeyHeader.parse("  ")).isNull();
        assertThat(KeyHeader.parse(null)).isNull();
    }

    @Test
    void aColonWithNoNameBeforeItSaysTheNameIsEmpty() {
        assertThatThrownBy(() -> KeyHeader.parse(": Bearer {apiKey}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.api.key-header: the header name before ':' is not a header name (it is empty;");
    }

    @Test
    void aCharacterThatCannotBeShownIsNamedByItsCodePoint() {
        assertThatThrownBy(() -> KeyHeader.parse("X-Key\u007f")).hasMessageContaining("(it holds U+007F;");
        assertThatThrownBy(() -> KeyHeader.parse("X-Kéy")).hasMessageContaining("(it holds U+00E9;");
        assertThatThrownBy(() -> KeyHeader.parse("X\"Key")).hasMessageContaining("(it holds '\"';");
        assertThatThrownBy(() -> KeyHeader.parse("X-Key~sk-live-1 2")).hasMessageContaining("(it holds a space;")
                .hasMessageNotContaining("sk-live");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Token: Bearer\u0000{apiKey}", "X-Token: Bearer {apiKey}\u007f", "X-Token: Bearer {apiKey} é",
        "X-Token: Bearer\u001f{apiKey}"})
    void aValueThatIsNotPrintableAsciiIsRefused(String spec) {
        // a header value HttpClient would send as it is, or refuse at the first request
        assertThatThrownBy(() -> KeyHeader.parse(spec)).isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.api.key-header: the value after 'X-Token:' may hold only printable ASCII");
    }

    @Test
    void printableAsciiFromSpaceToTildeAndTabsAreAllowed() {
        assertThat(KeyHeader.parse("X-Token: ~ !{apiKey}\t").value("k")).isEqualTo("~ !k");
    }
}
