package io.quotaflow.config;

/**
 * A setting that cannot be used. The message always names the key and what is allowed, and never
 * echoes a secret value, because it is printed as the one line a user sees before exit code 2.
 */
public class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
