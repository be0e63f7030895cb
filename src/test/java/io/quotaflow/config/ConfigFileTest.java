package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live config file wins over every other source for the keys a job reads; keys read once at start-up, where
 * the file does not reach, are refused there instead of looking applied.
 */
class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void theFilesKeysWinOverTheOtherSources() throws Exception {
        Path live = Files.writeString(dir.resolve("live.properties"), "quotaflow.rate.requests=7\n");
        Map<String, String> started = Map.of(ConfigFile.KEY, live.toString(), "quotaflow.rate.requests", "22",
                "quotaflow.rate.period", "5s");

        var lookup = ConfigFile.over(started::get);

        assertThat(lookup.apply("quotaflow.rate.requests")).isEqualTo("7");
        assertThat(lookup.apply("quotaflow.rate.period")).isEqualTo("5s");
    }

    @Test
    void keysReadOnlyAtStartUpAreRefusedInTheFileNamingTheKeyAndWhereToSetIt() throws Exception {
        for (String line : new String[] {"quotaflow.schedule=0 0/1 * * * ?", "quotaflow.run-once=true",
            "quotaflow.run-on-start=false", "quotaflow.routes.reload=false", "quotaflow.console.port=19315",
            "quotaflow.routes-dir=elsewhere"}) {
            Path live = Files.writeString(dir.resolve("live.properties"), "quotaflow.rate.requests=7\n" + line + "\n");
            String key = line.substring(0, line.indexOf('='));

            assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, live.toString())::get))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(key + ": cannot be set in the live config file " + live)
                    .hasMessageContaining("set it with -D" + key + "=...")
                    // read after Camel starts: application.properties is a place for it too
                    .hasMessageEndingWith("set it with -D" + key + "=..." + (key.equals("quotaflow.routes-dir")
                            ? " or an environment variable" : ", an environment variable or application.properties"));
        }
        // read before Camel starts: application.properties cannot set it either
        Path live = Files.writeString(dir.resolve("live.properties"), "quotaflow.routes-dir=elsewhere\n");
        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, live.toString())::get))
                .hasMessageEndingWith("set it with -Dquotaflow.routes-dir=... or an environment variable");
    }

    @Test
    void aLineThatIsNoSettingIsNamedByItsNumberNotByItsTextWhichMayBeASecret() throws Exception {
        // a list of keys continued on a new line without a '\' at the end: the second line is a name of its own
        Path live = Files.writeString(dir.resolve("live.properties"),
                "# live settings\nquotaflow.rate.requests=7\nquotaflow.api.keys=k1,\n  SeCrEt-2nd-key\n");

        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, live.toString())::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ConfigFile.KEY + ": line 4 of " + live + " is not a quotaflow setting (its text is not"
                        + " shown: it may be a secret, e.g. a list of keys continued on a new line without a '\\' at"
                        + " the end of the line before)")
                .hasMessageNotContaining("SeCrEt");
        // a secret ending in '=' padding parses as a name that is its start
        Path padded = Files.writeString(dir.resolve("padded.properties"), "quotaflow.rate.requests=7\nc2VjcmV0==\n");
        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, padded.toString())::get))
                .hasMessageStartingWith(ConfigFile.KEY + ": line 2 of " + padded + " is not a quotaflow setting")
                .hasMessageNotContaining("c2VjcmV0");
        // a setting in its environment form is named with the setting meant
        Path envForm = Files.writeString(dir.resolve("env.properties"), "QUOTAFLOW_RATE_REQUESTS=7\n");
        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, envForm.toString())::get))
                .hasMessageStartingWith("QUOTAFLOW_RATE_REQUESTS: is not a quotaflow setting (in " + envForm
                        + "); did you mean quotaflow.rate.requests?");
        // a misspelt setting is still named: its name is no secret
        Path typo = Files.writeString(dir.resolve("typo.properties"), "quotaflow.rate.request=7\n");
        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, typo.toString())::get))
                .hasMessageStartingWith("quotaflow.rate.request: is not a quotaflow setting");
    }

    @Test
    void withNoFileConfiguredTheOtherSourcesAreReadAsTheyAre() {
        for (String none : new String[] {"", "  "}) {
            Map<String, String> started = Map.of(ConfigFile.KEY, none, "quotaflow.rate.requests", "22");
            assertThat(ConfigFile.over(started::get).apply("quotaflow.rate.requests")).isEqualTo("22");
        }
        assertThat(ConfigFile.over(Map.of("quotaflow.rate.requests", "22")::get).apply("quotaflow.rate.requests"))
                .isEqualTo("22");
    }

    @Test
    void aLineThatIsNoSettingAndCannotBeFoundByItsNameIsStillNotShown() throws Exception {
        // Properties reads "SeCrEt\ two" as the name "SeCrEt two": no line starts with that, so no number is given
        Path live = Files.writeString(dir.resolve("live.properties"), "quotaflow.rate.requests=7\nSeCrEt\\ two\n");

        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, live.toString())::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(ConfigFile.KEY + ": a line of " + live + " is not a quotaflow setting")
                .hasMessageNotContaining("SeCrEt");
    }
}
