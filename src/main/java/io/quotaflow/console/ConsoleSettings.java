package io.quotaflow.console;

import io.quotaflow.config.ConfigException;
import io.quotaflow.config.HomeTilde;
import io.quotaflow.config.Switch;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the operator console needs to know, as one immutable value.
 *
 * <p>Passwords are optional on purpose: without an operator password the console generates one on first start
 * and keeps it in {@link #credentialsFile()} (see {@link CredentialsFile}); there is never a built-in default
 * password. The viewer account exists only when a viewer password is configured.
 *
 * <p>{@link #toString()} masks the passwords, because a record's generated toString would print them and
 * settings objects tend to end up in log lines.
 *
 * @param enabled         whether the app should start the console at all
 * @param host            address to bind; loopback by default so the console is not exposed by accident
 * @param port            TCP port; 0 picks a free port (tests)
 * @param username        operator account name
 * @param password        operator password, or null to use/generate the one in the credentials file
 * @param viewerUsername  read-only account name
 * @param viewerPassword  read-only account password, or null for no viewer account
 * @param credentialsFile where a generated operator password is kept (owner-only file)
 */
public record ConsoleSettings(boolean enabled, String host, int port, String username, String password,
                              String viewerUsername, String viewerPassword, Path credentialsFile) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8181;
    public static final String DEFAULT_USERNAME = "operator";
    public static final String DEFAULT_VIEWER_USERNAME = "viewer";

    /** Prefix of the application properties that map onto these settings, e.g. {@code quotaflow.console.port}. */
    public static final String PROPERTY_PREFIX = "quotaflow.console.";

    public ConsoleSettings {
        host = blankToNull(host) == null ? DEFAULT_HOST : host.trim();
        if (port < 0 || port > 65_535) {
            throw new ConfigException(PROPERTY_PREFIX + "port", "'" + port + "' is out of range; allowed 0..65535");
        }
        username = blankToNull(username) == null ? DEFAULT_USERNAME : username.trim();
        password = blankToNull(password);
        viewerUsername = blankToNull(viewerUsername) == null ? DEFAULT_VIEWER_USERNAME : viewerUsername.trim();
        viewerPassword = blankToNull(viewerPassword);
        credentialsFile = credentialsFile == null ? defaultCredentialsFile() : credentialsFile;
        if (viewerPassword != null && viewerUsername.equals(username)) {
            throw new ConfigException(PROPERTY_PREFIX + "viewerUsername", "must differ from quotaflow.console.username");
        }
    }

    /** Console on 127.0.0.1:8181, generated operator password, no viewer. */
    public static ConsoleSettings defaults() {
        return new ConsoleSettings(true, null, DEFAULT_PORT, null, null, null, null, null);
    }

    /** {@code ${user.home}/.quotaflow/console-credentials.properties} */
    public static Path defaultCredentialsFile() {
        return Path.of(System.getProperty("user.home"), ".quotaflow", "console-credentials.properties");
    }

    /**
     * Reads {@code quotaflow.console.enabled|host|port|username|password|viewerUsername|viewerPassword|credentialsFile}
     * through {@code lookup} (e.g. Camel's property resolver); a missing key keeps the default.
     */
    public static ConsoleSettings fromProperties(Function<String, String> lookup) {
        Function<String, String> get = key -> blankToNull(lookup.apply(PROPERTY_PREFIX + key));
        String enabled = get.apply("enabled");
        String port = get.apply("port");
        String file = get.apply("credentialsFile");
        if (file != null && HomeTilde.leads(file.trim())) {
            // not made as ./~/...: a password kept where nobody looks for it (Java's user.home is the default's ~)
            throw HomeTilde.refused(PROPERTY_PREFIX + "credentialsFile", file.trim(),
                    ", or leave it empty for " + defaultCredentialsFile());
        }
        return new ConsoleSettings(
                enabled == null || Switch.parse(PROPERTY_PREFIX + "enabled", enabled),
                get.apply("host"),
                port == null ? DEFAULT_PORT : parsePort(port),
                get.apply("username"), get.apply("password"),
                get.apply("viewerUsername"), get.apply("viewerPassword"),
                file == null ? null : Path.of(file));
    }

    public ConsoleSettings withPort(int newPort) {
        return new ConsoleSettings(enabled, host, newPort, username, password, viewerUsername, viewerPassword, credentialsFile);
    }

    public ConsoleSettings withOperator(String newUsername, String newPassword) {
        return new ConsoleSettings(enabled, host, port, newUsername, newPassword, viewerUsername, viewerPassword, credentialsFile);
    }

    public ConsoleSettings withViewer(String newUsername, String newPassword) {
        return new ConsoleSettings(enabled, host, port, username, password, newUsername, newPassword, credentialsFile);
    }

    public ConsoleSettings withCredentialsFile(Path file) {
        return new ConsoleSettings(enabled, host, port, username, password, viewerUsername, viewerPassword,
                Objects.requireNonNull(file, "file"));
    }

    public ConsoleSettings withEnabled(boolean on) {
        return new ConsoleSettings(on, host, port, username, password, viewerUsername, viewerPassword, credentialsFile);
    }

    @Override
    public String toString() {
        return "ConsoleSettings[enabled=" + enabled + ", host=" + host + ", port=" + port
                + ", username=" + username + ", password=" + mask(password)
                + ", viewerUsername=" + viewerUsername + ", viewerPassword=" + mask(viewerPassword)
                + ", credentialsFile=" + credentialsFile + "]";
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(PROPERTY_PREFIX + "port", "'" + port + "' is not a whole number; allowed 0..65535");
        }
    }

    private static String mask(String secret) {
        return secret == null ? "<none>" : "******";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
