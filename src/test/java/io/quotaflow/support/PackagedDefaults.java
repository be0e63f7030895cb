package io.quotaflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The packaged application.properties: every quotaflow.* key with its default, for tests that build settings by hand. */
public final class PackagedDefaults {

    private PackagedDefaults() {
    }

    public static Properties load() {
        Properties p = new Properties();
        try (InputStream in = PackagedDefaults.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
