package io.quotaflow.console;

import javax.management.ObjectName;

/**
 * What the console shows nobody, the operator included: the places where the JVM keeps its command line and
 * system properties, and the operations that print or dump them.
 *
 * <p>Why: the scripted-run contract passes settings as {@code -D} options, so {@code -Dquotaflow.api.keys=...}
 * or {@code -Dquotaflow.console.password=...} sit in {@code java.lang:type=Runtime}'s {@code SystemProperties}
 * and {@code InputArguments}, which Hawtio's Runtime and JMX views read like any other attribute. The JDK's
 * diagnostic commands ({@code VM.system_properties}, {@code VM.command_line}, heap dumps), a flight recording
 * (it records the initial system properties and environment) and a heap dump (every string in memory) would
 * reveal the same. Nothing in quotaflow needs them from the console; {@code jcmd} on the host still has them.
 */
final class JvmSecrets {

    private JvmSecrets() {
    }

    /** MBeans left out of the console altogether: every one of their operations can reveal a secret. */
    static boolean isHidden(ObjectName name) {
        return is(name, "com.sun.management", "DiagnosticCommand") || is(name, "jdk.management.jfr", "FlightRecorder");
    }

    static boolean isSecretAttribute(ObjectName name, String attribute) {
        return isHidden(name)
                || is(name, "java.lang", "Runtime")
                        && ("SystemProperties".equals(attribute) || "InputArguments".equals(attribute));
    }

    /** @param operation a bare name or one with a signature, as Jolokia passes it */
    static boolean isSecretOperation(ObjectName name, String operation) {
        return isHidden(name)
                || is(name, "com.sun.management", "HotSpotDiagnostic")
                        && "dumpHeap".equals(ReadOnlyOperations.bareName(operation));
    }

    private static boolean is(ObjectName name, String domain, String type) {
        return name != null && !name.isPattern() && domain.equals(name.getDomain())
                && type.equals(name.getKeyProperty("type"));
    }
}
