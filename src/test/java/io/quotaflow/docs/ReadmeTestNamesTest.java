package io.quotaflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The READMEs point a reader at the test that shows each behaviour ("*Tests:* DirtyInputTest ..."). A test
 * renamed, merged or deleted would leave that pointer naming nothing: every test class (and every
 * {@code SomeTest.method}) the READMEs name must exist under src/test/java.
 */
class ReadmeTestNamesTest {

    private static final Pattern CLASS = Pattern.compile("\\b([A-Z][A-Za-z0-9]*Test)\\b(?:\\.([a-z][A-Za-z0-9]*))?");
    private static final Path TESTS = Path.of("src/test/java");

    @Test
    void everyTestTheReadmesNameExists() throws IOException {
        Map<String, Path> sources;
        try (Stream<Path> files = Files.walk(TESTS)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.toMap(f -> f.getFileName().toString().replace(".java", ""), f -> f, (a, b) -> a, TreeMap::new));
        }
        Set<String> missing = new TreeSet<>();
        int named = 0;
        for (String readme : new String[] {"README.md", "bench/README.md"}) {
            Matcher m = CLASS.matcher(Files.readString(Path.of(readme)));
            while (m.find()) {
                named++;
                Path source = sources.get(m.group(1));
                if (source == null) {
                    missing.add(readme + ": " + m.group(1));
                } else if (m.group(2) != null && !Files.readString(source).contains(" " + m.group(2) + "(")) {
                    missing.add(readme + ": " + m.group(1) + "." + m.group(2));
                }
            }
        }
        assertThat(named).as("test names found in the READMEs").isGreaterThan(20);
        assertThat(missing).as("tests the READMEs name that do not exist").isEmpty();
    }
}
