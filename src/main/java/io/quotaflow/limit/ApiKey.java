package io.quotaflow.limit;

/**
 * One API key and the label it is known by everywhere a human can see it (logs, JMX, results).
 * The secret is only read at the wire; {@link #toString()} never includes it.
 */
public record ApiKey(String label, String secret) {

    @Override
    public String toString() {
        return label;
    }
}
