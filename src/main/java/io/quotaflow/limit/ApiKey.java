package io.quotaflow.limit;

/**
 * One API key and the label it is known by everywhere a human can see it (logs, JMX, results).
 * The secret is only read at the wire; {@link #toString()} never includes it.
 */
public record ApiKey(String label, String secret) {

    /** The label of the n-th key of quotaflow.api.keys (0-based): key1, key2, ... */
    public static String labelOf(int index) {
        return "key" + (index + 1);
    }

    @Override
    public String toString() {
        return label;
    }
}
