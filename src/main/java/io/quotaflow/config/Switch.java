package io.quotaflow.config;

/** A true/false setting, read strictly: anything else (a typo such as "ture") is refused, never taken as false. */
public final class Switch {

    private Switch() {
    }

    public static boolean parse(String key, String value) {
        String v = value == null ? null : value.trim();
        if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
            throw new ConfigException(key, "'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }
}
