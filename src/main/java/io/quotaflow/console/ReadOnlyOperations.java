package io.quotaflow.console;

import java.util.List;
import java.util.Set;

/**
 * Which MBean operations a viewer may invoke: those that only read.
 *
 * <p>JMX has no reliable read-only flag (Camel's managed operations report impact UNKNOWN), so this goes by
 * name, the way Karaf's default JMX ACL does ({@code get*}, {@code is*}, ... for viewers). Reads are allowed by
 * prefix; everything else (stop, start, suspend, reset, gc, set..., Jolokia config ops) is refused, i.e. the list
 * fails closed. Operations that look like reads but write to the server are named explicitly
 * ({@code dumpHeap} writes a heap file).
 */
final class ReadOnlyOperations {

    /** Camel's route/context dumps and statistics, JDK thread info, Hawtio's RBAC lookups, Jolokia-free reads. */
    private static final List<String> READ_PREFIXES = List.of(
            "get", "is", "has", "list", "dump", "browse", "find", "count", "canInvoke", "query");

    private static final Set<String> WRITES_DESPITE_NAME = Set.of("dumpHeap");

    private ReadOnlyOperations() {
    }

    /** @param operation a bare name ({@code stop}) or one with a signature ({@code stop(java.lang.String)}) */
    static boolean isReadOnly(String operation) {
        String name = bareName(operation);
        if (name.isEmpty() || WRITES_DESPITE_NAME.contains(name)) {
            return false;
        }
        for (String prefix : READ_PREFIXES) {
            // whole camelCase word only: "getFoo" and "list" are reads, "isolate" or "getaway" are not
            if (name.equals(prefix)
                    || name.startsWith(prefix) && Character.isUpperCase(name.charAt(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    static String bareName(String operation) {
        String trimmed = operation == null ? "" : operation.trim();
        int paren = trimmed.indexOf('(');
        return paren < 0 ? trimmed : trimmed.substring(0, paren);
    }
}
