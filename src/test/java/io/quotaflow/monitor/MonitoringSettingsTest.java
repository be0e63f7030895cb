package io.quotaflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quotaflow.config.ConfigException;
import io.quotaflow.console.ConsoleSettings;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** quotaflow.console.* are read through Camel's properties; a bad value is a setting error (exit 2), not a crash. */
class MonitoringSettingsTest {

    private static ConsoleSettings read(String... keyValues) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties p = new Properties();
            for (int i = 0; i < keyValues.length; i += 2) {
                p.setProperty(keyValues[i], keyValues[i + 1]);
            }
            context.getPropertiesComponent().setOverrideProperties(p);
            return Monitoring.readConsoleSettings(context);
        }
    }

    @Test
    void defaultsAreLoopback8181WithGeneratedPassword() throws Exception {
        ConsoleSettings s = read();
        assertThat(s.enabled()).isTrue();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8181);
        assertThat(s.password()).isNull();
        assertThat(s.viewerPassword()).isNull();
    }

    @Test
    void keysChangeHostPortAndSwitch() throws Exception {
        ConsoleSettings s = read("quotaflow.console.host", "::1", "quotaflow.console.port", "9191",
                "quotaflow.console.enabled", "false", "quotaflow.console.viewerPassword", "v-secret");
        assertThat(s.host()).isEqualTo("::1");
        assertThat(s.port()).isEqualTo(9191);
        assertThat(s.enabled()).isFalse();
        assertThat(s.viewerPassword()).isEqualTo("v-secret");
        assertThat(s.toString()).doesNotContain("v-secret");
    }

    @Test
    void badPortIsASettingErrorNamingTheKey() {
        assertThatThrownBy(() -> read("quotaflow.console.port", "eighty"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("quotaflow.console.port: 'eighty' is not a whole number; allowed 0..65535");
        assertThatThrownBy(() -> read("quotaflow.console.port", "70000"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("quotaflow.console.port: ").hasMessageContaining("0..65535");
    }

    @Test
    void aCredentialsFileWithALeadingTildeIsRefusedNotMadeInAFolderNamedTilde() {
        // the shell leaves ~ in -Dkey=~/...: the generated password went to ./~/creds.properties
        assertThatThrownBy(() -> read("quotaflow.console.credentialsFile", "~/creds.properties"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("quotaflow.console.credentialsFile: ").hasMessageContaining("a leading ~ is not expanded");
    }

    @Test
    void aMistypedSwitchIsRefusedNotTakenAsOff() {
        assertThatThrownBy(() -> read("quotaflow.console.enabled", "ture"))
                .isInstanceOf(ConfigException.class).hasMessage("quotaflow.console.enabled: 'ture' is not true or false");
    }
}
