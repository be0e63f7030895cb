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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The start of a name made of what setting names are made of; anything after it is not shown. */
    private static final Pattern SETTING_LIKE = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * A name outside quotaflow.* is shown only when it reads like a setting (rate.requests, camel.main.x): lower-case
     * words joined by dots. An API key rarely does (mixed case and digits, or a JWT's mixed-case dotted parts).
     */
    private static final Pattern DOTTED_WORDS = Pattern.compile("[a-z]+(\\.[a-z][A-Za-z-]*)+");

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

    /**
     * Whether a name may be shown in a message: a quotaflow.* one, a setting's name in another form, or one that reads
     * like a setting (see {@link #DOTTED_WORDS}). The live file names any other by its line number ({@link ConfigFile}).
     */
    static boolean readsLikeASetting(String name) {
        return name.startsWith(PREFIX) || DOTTED_WORDS.matcher(name).matches() || meant(name).isPresent();
    }

    /** The setting a name in another form (case, '_' for '.' or '-') would be read as, if any. */
    private static Optional<String> meant(String name) {
        String normalized = IOHelper.normalizeEnvironmentVariable(name);
        return KEYS.stream().filter(k -> environmentNames(k).anyMatch(normalized::equals)).findFirst();
    }

    private static ConfigException unknown(String name, String where) {
        Optional<String> meant = meant(name);
        if (meant.isPresent()) {
            return new ConfigException(name, "is not a quotaflow setting (" + where + "); did you mean " + meant.get()
                    + "? (a name is written exactly as in application.properties)");
        }
        // the message is the exit-2 line, and a name can hold a value: -Dquotaflow.api.keys:KEY is a system property
        // of that whole name, and a key list continued on a new line without a '\' makes the next key a name
        Matcher settingLike = SETTING_LIKE.matcher(name);
        if (!settingLike.lookingAt() || !name.startsWith(PREFIX) && !DOTTED_WORDS.matcher(settingLike.group()).matches()) {
            return new ConfigException("(a name not shown)", "is not a quotaflow setting (" + where + "); it is not"
                    + " shown since it does not look like one and may be a value: a key on a line of its own, or a value"
                    + " continued on a new line without a '\\' at the end of the line before");
        }
        String shown = settingLike.group();
        String cut = "";
        if (shown.length() < name.length()) {
            char c = name.charAt(shown.length());
            cut = "; what follows " + (c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c))
                    + " is not shown (a value? write " + shown + "=VALUE)";
            shown += c >= 0x21 && c < 0x7f ? c + "..." : "...";
        }
        String section = shown.contains(".") ? shown.substring(0, shown.lastIndexOf('.') + 1) : "";
        String siblings = section.startsWith(PREFIX) ? KEYS.stream().filter(k -> k.startsWith(section)
                && k.indexOf('.', section.length()) < 0).map(k -> k.substring(section.length()))
                .collect(Collectors.joining(", ")) : "";
        return new ConfigException(shown, "is not a quotaflow setting (" + where + ")" + cut
                + (siblings.isEmpty() ? "; the settings are listed in application.properties and the README"
                        : "; " + section + "* are: " + siblings));
    }
}
