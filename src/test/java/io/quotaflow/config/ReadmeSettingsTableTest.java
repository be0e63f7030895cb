package io.quotaflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's settings reference (section "Configuration") is what a new user reads; application.properties is
 * what the app runs with, and KnownSettings takes its names from there. The two must list the same keys with the
 * same defaults, so an added, renamed or re-defaulted setting cannot leave the reference behind.
 */
class ReadmeSettingsTableTest {

    /** A row of the table: | `key` | default | what |, the default in backticks or "(empty)". */
    private static final Pattern ROW = Pattern.compile("^\\| `((?:quotaflow|camel)\\.[^`]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void theReadmeReferenceListsEverySettingOfApplicationPropertiesWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("\n## Configuration\n");
        int to = readme.indexOf("\n## ", from + 1);
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(readme.substring(from, to));
        while (row.find()) {
            documented.put(row.group(1), defaultOf(row.group(2).trim()));
        }

        Properties p = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        }
        Map<String, String> shipped = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> shipped.put(k, p.getProperty(k)));

        assertThat(documented).isEqualTo(shipped);
    }

    private static String defaultOf(String cell) {
        if (cell.equals("(empty)") || cell.equals("*(empty)*")) {
            return "";
        }
        assertThat(cell).as("a default is written in backticks or as (empty): %s", cell).startsWith("`").endsWith("`");
        return cell.substring(1, cell.length() - 1);
    }
}
