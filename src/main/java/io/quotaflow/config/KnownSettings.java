package io.quotaflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.StringHelper;

/**
 * The {@code quotaflow.*} keys there are, so that a misspelt one is an error instead of a setting silently
 * left at its default ({@code -Dquotaflow.rate.request=5} ran at the default 22 per period). The list is the
 * keys application.properties documents, plus the two read before or outside Camel.
 */
public final class KnownSettings {

    private static final String PREFIX = "quotaflow.";
    private static final String ENV_PREFIX = "QUOTAFLOW_";

    /** Read by QuotaflowApp before Camel starts, and by log4j2.properties (the benchmark's timeline). */
    private static final Set<String> OUTSIDE_CAMEL = Set.of("quotaflow.routes-dir", "quotaflow.timeline");

    private static final Set<String> KEYS = load();

    private KnownSettings() {
    }

    private static Set<String> load() {
        Properties p = new Properties();
        try (InputStream in = KnownSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = p.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        keys.addAll(OUTSIDE_CAMEL);
        return keys;
    }

    /** Whether the key is read before Camel starts (from -D or the environment only, not application.properties). */
    public static boolean readBeforeCamel(String key) {
        return OUTSIDE_CAMEL.contains(key);
    }

    /**
     * Fails naming the first of these names that starts like a setting and is none; other names are not looked at.
     * "Starts like" ignores case and what follows the word: -DQUOTAFLOW_RATE_REQUESTS=5 (the environment's form) or
     * -DQuotaflow.rate.requests=5 is read by nothing, and ran at the default limit when only quotaflow.* was checked.
     */
    public static void checkPrefixed(Collection<String> names, String where) {
        checkAll(names.stream().filter(n -> n.regionMatches(true, 0, PREFIX, 0, PREFIX.length() - 1)).toList(), where);
    }

    /** Fails naming the first of these names that is no quotaflow setting (a live file holds nothing else). */
    public static void checkAll(Collection<String> names, String where) {
        names.stream().sorted().filter(n -> !KEYS.contains(n)).findFirst().ifPresent(n -> {
            throw unknown(n, where);
        });
    }

    /**
     * The {@code QUOTAFLOW_*} environment variables that match no setting. Only reported, not fatal: a deployment
     * may set variables of its own there. Matched exactly as Camel reads them ({@link #environmentNames}), not
     * loosely: QUOTAFLOW_RATEREQUESTS=5 is read by nothing and ran at the default limit without a word.
     */
    public static Set<String> unknownEnvironment(Map<String, String> env) {
        Set<String> known = KEYS.stream().flatMap(KnownSettings::environmentNames).collect(Collectors.toSet());
        return env.keySet().stream().filter(n -> n.startsWith(ENV_PREFIX))
                .filter(n -> !known.contains(n)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The variables Camel's properties read a key from (IOHelper.lookupEnvironmentVariable): the key upper-cased,
     * then with '.' and '-' as '_', then with a camelCase word split by '_' as well (quotaflow.rate.requests:
     * QUOTAFLOW_RATE_REQUESTS; quotaflow.console.viewerPassword: QUOTAFLOW_CONSOLE_VIEWERPASSWORD or
     * QUOTAFLOW_CONSOLE_VIEWER_PASSWORD). routes-dir and timeline are read as QUOTAFLOW_ROUTES_DIR and
     * QUOTAFLOW_TIMELINE, which the second form gives.
     */
    private static Stream<String> environmentNames(String key) {
        return Stream.of(key.toUpperCase(Locale.ROOT), IOHelper.normalizeEnvironmentVariable(key),
                IOHelper.normalizeEnvironmentVariable(StringHelper.camelCaseToDash(key)));
    }

    private static ConfigException unknown(String name, String where) {
        // the name of a setting in another form (case, '_' for '.' or '-'): the one it would be read as
        String normalized = IOHelper.normalizeEnvironmentVariable(name);
        Optional<String> meant = KEYS.stream().filter(k -> environmentNames(k).anyMatch(normalized::equals)).findFirst();
        if (meant.isPresent()) {
            return new ConfigException(name, "is not a quotaflow setting (" + where + "); did you mean " + meant.get()
                    + "? (a name is written exactly as in application.properties)");
        }
        String section = name.contains(".") ? name.substring(0, name.lastIndexOf('.') + 1) : "";
        String siblings = section.startsWith(PREFIX) ? KEYS.stream().filter(k -> k.startsWith(section)
                && k.indexOf('.', section.length()) < 0).map(k -> k.substring(section.length()))
                .collect(Collectors.joining(", ")) : "";
        return new ConfigException(name, "is not a quotaflow setting (" + where + ")"
                + (siblings.isEmpty() ? "; the settings are listed in application.properties and the README"
                        : "; " + section + "* are: " + siblings));
    }
}
