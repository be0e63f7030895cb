package io.quotaflow.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The optional live settings file {@code quotaflow.config-file}. It is read again every time the
 * settings are read - at start-up and at the start of every job - so a saved edit applies at the next
 * job without a restart. Its keys win over application.properties, -D and environment variables:
 * the file is the one place an operator edits while the service runs, and it must not be silently
 * shadowed by a start-up flag.
 */
public final class ConfigFile {

    public static final String KEY = "quotaflow.config-file";

    private ConfigFile() {
    }

    /** The lookup with the file's keys (when a file is configured) in front of it. */
    public static Function<String, String> over(Function<String, String> lookup) {
        String location = lookup.apply(KEY);
        if (location == null || location.isBlank()) {
            return lookup;
        }
        Path path = Path.of(location.trim()).toAbsolutePath().normalize();
        Properties file = load(path, location.trim());
        file.stringPropertyNames().stream().filter(name -> !KnownSettings.readsLikeASetting(name)).sorted().findFirst().ifPresent(name -> {
            throw notASetting(path, name);
        });
        KnownSettings.checkAll(file.stringPropertyNames(), "in " + path);
        file.stringPropertyNames().stream().sorted().filter(ConfigFile::outsideTheFile).findFirst().ifPresent(key -> {
            // routes-dir and timeline are read before Camel (and its application.properties) starts
            boolean beforeCamel = KnownSettings.readBeforeCamel(key);
            throw new ConfigException(key, "cannot be set in the live config file " + path + ": it is read once at"
                    + " start-up, where that file does not reach; set it with -D" + key + "=..."
                    + (beforeCamel ? " or an environment variable" : ", an environment variable or application.properties"));
        });
        return key -> {
            String v = file.getProperty(key);
            return v != null ? v : lookup.apply(key);
        };
    }

    /**
     * Keys read once, outside the settings a job reads: before Camel starts (routes-dir, timeline), by the launcher
     * and service.yaml as the app starts (run-once; schedule and run-on-start are route placeholders there), when
     * the service starts (routes.reload), by the console (console.*), or naming the file itself. In the file they would look applied and were not (a
     * cron in the file showed in JMX while Quartz kept the old one; run-once=true there ran the first job twice).
     */
    private static boolean outsideTheFile(String key) {
        return OUTSIDE.contains(key) || key.startsWith("quotaflow.console.");
    }

    private static final Set<String> OUTSIDE = Set.of(KEY, "quotaflow.run-once",
            "quotaflow.routes-dir", "quotaflow.timeline", "quotaflow.schedule", "quotaflow.run-on-start",
            "quotaflow.routes.reload");

    /**
     * A name that does not read like a setting's ({@link KnownSettings#readsLikeASetting}) is named by its line, not
     * its text: it is often a value on a line of its own (the rest of a list of API keys continued without a
     * backslash), and the message is logged.
     */
    private static ConfigException notASetting(Path path, String name) {
        int line = 0;
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size() && line == 0; i++) {
                String text = lines.get(i).strip();
                if (text.startsWith(name) && (text.length() == name.length()
                        || "=: \t".indexOf(text.charAt(name.length())) >= 0)) {
                    line = i + 1;
                }
            }
        } catch (IOException e) {
            // read a moment ago; if it is gone now, the message does without the line number
        }
        return new ConfigException(KEY, (line > 0 ? "line " + line + " of " : "a line of ") + path
                + " is not a quotaflow setting (its text is not shown: it may be a secret, e.g. a list of keys"
                + " continued on a new line without a '\\' at the end of the line before)");
    }

    private static Properties load(Path path, String location) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ConfigException(KEY, "cannot read '" + path + "' (" + e.getClass().getSimpleName() + ")"
                    + HomeTilde.hint(location));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, "'" + path + "' is not a properties file (" + e.getMessage() + ")");
        }
        return p;
    }
}
