package io.quotaflow.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * One API key and the label it is known by everywhere a human can see it (logs, JMX, results).
 * The secret is only read at the wire; {@link #toString()} never includes it.
 */
public record ApiKey(String label, String secret) {

    /** The label of the n-th key of quotaflow.api.keys (0-based): key1, key2, ... */
    public static String labelOf(int index) {
        return "key" + (index + 1);
    }

    /** The keys of quotaflow.api.keys, labelled in their order. */
    public static List<ApiKey> all(List<String> secrets) {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(new ApiKey(labelOf(i), secrets.get(i)));
        }
        return keys;
    }

    @Override
    public String toString() {
        return label;
    }
}
