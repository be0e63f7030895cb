package io.quotaflow.console;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

import org.eclipse.jetty.security.UserStore;

/**
 * Programmatic JAAS configuration for the console realm, so no {@code login.conf} file and no
 * {@code -Djava.security.auth.login.config} are needed.
 *
 * <p>Hawtio creates {@code new LoginContext(realm, subject, handler)}, which reads the JVM-wide
 * {@link Configuration}; there is no per-webapp hook for a plain (non-OIDC) realm. So this installs itself
 * JVM-wide, answers only for {@link #REALM} and delegates every other name to the configuration that was there
 * before; {@link #uninstall()} puts that one back. The user store travels as a module option (an object, not
 * a file name), so no password is written anywhere for the login to work.
 */
final class ConsoleJaasConfiguration extends Configuration {

    /** JAAS application name; passed to Hawtio as {@code hawtio.realm}. */
    static final String REALM = "quotaflow-console";

    private final Configuration previous;
    private final AppConfigurationEntry entry;

    private ConsoleJaasConfiguration(Configuration previous, UserStore users) {
        this.previous = previous;
        this.entry = new AppConfigurationEntry(ConsoleLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED,
                Map.of(ConsoleLoginModule.USER_STORE_OPTION, users));
    }

    static ConsoleJaasConfiguration install(UserStore users) {
        ConsoleJaasConfiguration config = new ConsoleJaasConfiguration(currentOrNull(), users);
        Configuration.setConfiguration(config);
        return config;
    }

    void uninstall() {
        if (currentOrNull() == this) {
            Configuration.setConfiguration(previous);
        }
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (REALM.equals(name)) {
            return new AppConfigurationEntry[] {entry};
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }

    private static Configuration currentOrNull() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException noDefaultConfig) {
            return null; // no login.conf anywhere: nothing to delegate to
        }
    }
}
