package io.quotaflow.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quotaflow.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The conditions of quotaflow.api.rate-limited-when and quotaflow.api.unknown-when, one operator at a time. */
class BodyRuleTest {

    /** As Outcomes reads a body. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String SETTING = "quotaflow.api.unknown-when";

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String matched(String spec, String body) {
        return new BodyRule(SETTING, spec).matched(json(body));
    }

    @Test
    void presentMeansThereAndNotNull() {
        assertThat(matched("/Note", "{\"Note\":\"slow down\"}")).isEqualTo("/Note");
        assertThat(matched("/Note", "{\"Note\":\"\"}")).isEqualTo("/Note");
        assertThat(matched("/Note", "{\"Note\":null}")).isNull();
        assertThat(matched("/Note", "{\"close\":1}")).isNull();
    }

    @Test
    void equalsComparesTheFieldsText() {
        assertThat(matched("/code=404", "{\"code\":404}")).isEqualTo("/code=404");
        assertThat(matched("/code=404", "{\"code\":\"404\"}")).isEqualTo("/code=404");
        assertThat(matched("/code=404", "{\"code\":4040}")).isNull();
        assertThat(matched("/code=404", "{}")).isNull();
        // Finnhub's unknown symbol: Jackson writes the JSON 0 as "0"
        assertThat(matched("/c=0", "{\"c\":0,\"d\":null}")).isEqualTo("/c=0");
        assertThat(matched("/c=0", "{\"c\":189.84}")).isNull();
        assertThat(matched("/Global Quote/01. symbol=X", "{\"Global Quote\":{\"01. symbol\":\"X\"}}")).isNotNull();
    }

    @Test
    void containsLooksInsideTheFieldsText() {
        String limit = "{\"Error Message\":\"Limit Reach . Please upgrade your plan\"}";
        assertThat(matched("/Error Message~Limit Reach", limit)).isEqualTo("/Error Message~Limit Reach");
        assertThat(matched("/Error Message~Limit Reach", "{\"Error Message\":\"Invalid API KEY\"}")).isNull();
        assertThat(matched("/Error Message~Limit Reach", "{\"Error Message\":null}")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"c\":null}", "{\"c\":\"\"}", "{\"c\":[]}", "{\"c\":{}}"})
    void notMeansMissingNullOrEmpty(String body) {
        assertThat(matched("!/c", body)).isEqualTo("!/c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"c\":\"x\"}", "{\"c\":\" \"}", "{\"c\":0}", "{\"c\":false}", "{\"c\":[0]}",
        "{\"c\":{\"a\":null}}"})
    void notIsFalseForAPresentValue(String body) {
        assertThat(matched("!/c", body)).isNull();
    }

    @Test
    void notReadsTheProvidersEmptyAnswers() {
        // FMP: [] for an unknown symbol, an array of quotes for a known one
        assertThat(matched("!/0", "[]")).isEqualTo("!/0");
        assertThat(matched("!/0", "[{\"symbol\":\"AAPL\",\"price\":189.84}]")).isNull();
        // Alpha Vantage: an empty Global Quote
        String av = "!/Global Quote/01. symbol";
        assertThat(matched(av, "{\"Global Quote\": {}}")).isEqualTo(av);
        assertThat(matched(av, "{\"Global Quote\": {\"01. symbol\": \"AAPL\", \"05. price\": \"189.84\"}}")).isNull();
    }

    @Test
    void anyConditionMatchesAndTheFirstMetIsNamed() {
        String spec = " /code=404 , /Note ,!/0";
        assertThat(matched(spec, "{\"Note\":\"x\"}")).isEqualTo("/Note");
        assertThat(matched(spec, "{\"code\":404,\"Note\":\"x\"}")).isEqualTo("/code=404");
        // an object has no element 0: any other object body meets !/0 too
        assertThat(matched(spec, "{\"Error Message\":\"x\"}")).isEqualTo("!/0");
        assertThat(new BodyRule(SETTING, spec).matches(json("{\"code\":404}"))).isTrue();
    }

    @Test
    void onlyAnObjectOrArrayBodyIsLookedAt() {
        assertThat(matched("!/0", "\"text\"")).isNull();
        assertThat(matched("!/0", "42")).isNull();
        assertThat(new BodyRule(SETTING, "!/0").matched(null)).isNull();
    }

    @Test
    void emptyMeansNoCondition() {
        assertThat(matched("", "[]")).isNull();
        assertThat(matched(" ", "{}")).isNull();
        assertThat(new BodyRule(SETTING, null).matches(json("{}"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "/Note,code=429", "!Note", "!/code=404", "!/Error Message~Limit", "/Note,,/x"})
    void aBadSpecNamesTheSettingItCameFrom(String spec) {
        for (String setting : new String[] {"quotaflow.api.unknown-when", "quotaflow.api.rate-limited-when"}) {
            assertThatThrownBy(() -> new BodyRule(setting, spec))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(setting + ": '")
                    .extracting(e -> ((ConfigException) e).key()).isEqualTo(setting);
        }
    }

    @Test
    void aBadSpecSaysWhatIsAllowed() {
        assertThatThrownBy(() -> new BodyRule(SETTING, "garbage"))
                .hasMessage(SETTING + ": 'garbage' must start with a JSON Pointer, e.g. /Note or !/0 or /code=429"
                        + " or /Error Message~Limit Reach");
        assertThatThrownBy(() -> new BodyRule(SETTING, "/Note, !/code=404"))
                .hasMessage(SETTING + ": '!/code=404': ! takes a pointer alone (the field is missing or empty),"
                        + " without =value or ~value");
    }
}
