package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt setting is an error naming it, not a setting silently left at its default. */
class KnownSettingsTest {

    @Test
    void everyKeyApplicationPropertiesDocumentsIsKnownAndOthersAreNot() {
        KnownSettings.checkPrefixed(List.of("quotaflow.rate.requests", "quotaflow.console.viewerPassword",
                "quotaflow.routes-dir", "java.home", "user.dir"), "set with -D");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.rate.requests", "quotaflow.retrys"), "set with -D"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.retrys: is not a quotaflow setting (set with -D); quotaflow.* are: config-file, "
                        + "consumers, keep-runs, output-dir, progress-interval, request-timeout, resume, retries, routes-dir, "
                        + "run-on-start, run-once, schedule, symbol-pattern, tickers, timeline");
    }

    @Test
    void aSettingWrittenInAnotherFormWithDIsRefusedNamingTheSetting() {
        // -DQUOTAFLOW_RATE_REQUESTS=5 (the environment's form) and -DQuotaflow.rate.requests=5 were not looked at:
        // Camel reads neither as quotaflow.rate.requests, so both ran at the default limit without a word
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("QUOTAFLOW_RATE_REQUESTS"), "set with -D"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("QUOTAFLOW_RATE_REQUESTS: is not a quotaflow setting (set with -D); did you mean"
                        + " quotaflow.rate.requests? (a name is written exactly as in application.properties)");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("Quotaflow.rate.requests"), "set with -D"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean quotaflow.rate.requests?");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.console.viewerpassword"), "set with -D"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean quotaflow.console.viewerPassword?");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("QUOTAFLOW_RUN_ONCE"), "set with -D"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean quotaflow.run-once?");
    }

    @Test
    void environmentVariablesAreMatchedTheWayCamelMapsThem() {
        assertThat(KnownSettings.unknownEnvironment(Map.of(
                "QUOTAFLOW_RATE_REQUESTS", "5",
                "QUOTAFLOW_RETRY_BACKOFF_MAX", "1s",
                "QUOTAFLOW_CONSOLE_VIEWERPASSWORD", "x",
                "QUOTAFLOW_RATE_REQUEST", "5",
                "PATH", "/bin"))).containsExactly("QUOTAFLOW_RATE_REQUEST");
    }

    @Test
    void environmentVariablesCamelDoesNotReadAreReportedEvenWhenOnlyTheirUnderscoresDiffer() {
        // Camel reads quotaflow.rate.requests from QUOTAFLOW_RATE_REQUESTS (or the key upper-cased as it is), and
        // quotaflow.console.viewerPassword also from QUOTAFLOW_CONSOLE_VIEWER_PASSWORD; these it never reads, so
        // QUOTAFLOW_RATEREQUESTS=5 ran at the default limit without a word
        assertThat(KnownSettings.unknownEnvironment(Map.of(
                "QUOTAFLOW_RATEREQUESTS", "5",
                "QUOTAFLOW_RUNONCE", "true",
                "QUOTAFLOW_RETRY_BACKOFFMAX", "1s",
                "QUOTAFLOW_RATE__REQUESTS", "5",
                "QUOTAFLOW.RATE.PERIOD", "1s",
                "QUOTAFLOW_CONSOLE_VIEWER_PASSWORD", "x",
                "QUOTAFLOW_ROUTES_DIR", "routes",
                "QUOTAFLOW_TIMELINE", "DEBUG")))
                .containsExactly("QUOTAFLOW_RATEREQUESTS", "QUOTAFLOW_RATE__REQUESTS", "QUOTAFLOW_RETRY_BACKOFFMAX",
                        "QUOTAFLOW_RUNONCE");
    }

    @Test
    void aLiveFileWithAKeyThatIsNoSettingFailsNamingIt(@TempDir Path dir) throws Exception {
        Path live = Files.writeString(dir.resolve("live.properties"), "quotaflow.tickers=a.txt\nrate.requests=5\n");
        assertThatThrownBy(() -> ConfigFile.over(Map.of(ConfigFile.KEY, live.toString())::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("rate.requests: is not a quotaflow setting (in " + live + ")");
    }
    @Test
    void aNameThatDoesNotReadLikeASettingIsNotShown() {
        // Properties reads "   SeCrEt-two" after "quotaflow.api.keys=SeCrEt-one," as a name without a value (the live
        // file names such a line by its number first: ConfigFileTest; this is the message for any other caller)
        assertThatThrownBy(() -> KnownSettings.checkAll(List.of("SeCrEt-two"), "in f"))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("SeCrEt")
                .hasMessageContaining("is not a quotaflow setting (in f)")
                .hasMessageContaining("a value continued on a new line without a '\\'");
    }

    @Test
    void aValueWrittenAfterAColonInADashDIsNotShown() {
        // -Dquotaflow.api.keys:KEY is a system property of that whole name, with an empty value
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.api.keys:SeCrEt-colon"), "set with -D"))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("SeCrEt")
                .hasMessageStartingWith("quotaflow.api.keys:...: is not a quotaflow setting (set with -D);"
                        + " what follows ':' is not shown (a value? write quotaflow.api.keys=VALUE)");
    }

    @Test
    void namesThatLookLikeSettingsAreStillShown() {
        assertThatThrownBy(() -> KnownSettings.checkAll(List.of("rate.requests"), "in f"))
                .hasMessageStartingWith("rate.requests: is not a quotaflow setting (in f)");
        assertThatThrownBy(() -> KnownSettings.checkAll(List.of("quotaflow.console.viewerPasword"), "in f"))
                .hasMessageStartingWith("quotaflow.console.viewerPasword: is not a quotaflow setting (in f)");
    }

    @Test
    void theCharacterAfterASettingLikeStartIsQuotedWhenPrintableAndNamedByCodePointWhenNot() {
        // '!' and '~' are the first and last printable ASCII characters; a space and DEL cannot be seen in a message
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.retries!x"), "set with -D"))
                .hasMessageStartingWith("quotaflow.retries!...: is not a quotaflow setting (set with -D); what follows"
                        + " '!' is not shown (a value? write quotaflow.retries=VALUE)");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.retries~x"), "set with -D"))
                .hasMessageStartingWith("quotaflow.retries~...: is not a quotaflow setting (set with -D); what follows '~'");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.retries x"), "set with -D"))
                .hasMessageStartingWith("quotaflow.retries...: is not a quotaflow setting (set with -D); what follows"
                        + " U+0020 is not shown");
        assertThatThrownBy(() -> KnownSettings.checkPrefixed(List.of("quotaflow.retries\u007Fx"), "set with -D"))
                .hasMessageStartingWith("quotaflow.retries...: is not a quotaflow setting (set with -D); what follows"
                        + " U+007F is not shown");
    }
}
