package io.quotaflow.console;

import javax.management.ObjectName;

/**
 * What the console shows and allows nobody, the operator included: whatever reveals a secret.
 *
 * <p>The JVM's command line and system properties: the scripted-run contract passes settings as {@code -D}
 * options, so {@code -Dquotaflow.api.keys=...} or {@code -Dquotaflow.console.password=...} sit in
 * {@code java.lang:type=Runtime}'s {@code SystemProperties} and {@code InputArguments}, which Hawtio's Runtime
 * and JMX views read like any other attribute. The JDK's diagnostic commands ({@code VM.system_properties},
 * {@code VM.command_line}, heap dumps), a flight recording (it records the initial system properties and
 * environment) and a heap dump (every string in memory) would reveal the same. {@code jcmd} on the host still
 * has them all.
 *
 * <p>Camel's "send a message" operations on the context ({@code sendBody}, {@code requestBody}, ...): they
 * run any endpoint inside the app, e.g. {@code requestBody("bean:settings?method=apiKeys", null)} would
 * answer with the API keys. Hawtio's "Send" tab needs them; quotaflow has no use for it. Nor for the context's
 * {@code createEndpoint} and {@code canSendToEndpoint}: Camel fills in {@code {{...}}} placeholders in the URI they
 * are given, and registers the endpoint under the filled-in URI, which every console user can then read
 * ({@code createEndpoint("log:{{quotaflow.api.keys}}")} showed the keys as an endpoint name). A component's
 * {@code verify} takes endpoint parameters too.
 *
 * <p>Hawtio's list of local JVMs ({@code hawtio:type=JVMList}): it shows the command line of every JVM of
 * this OS user (a simulator started with {@code --keys ...}, a build's {@code -D} options), and attaches
 * agents to them.
 */
final class HiddenFromConsole {

    private HiddenFromConsole() {
    }

    /** MBeans left out of the console altogether: every one of their operations can reveal a secret. */
    static boolean isHidden(ObjectName name) {
        return is(name, "com.sun.management", "DiagnosticCommand") || is(name, "jdk.management.jfr", "FlightRecorder")
                || is(name, "hawtio", "JVMList");
    }

    static boolean isSecretAttribute(ObjectName name, String attribute) {
        return isHidden(name)
                || is(name, "java.lang", "Runtime")
                        && ("SystemProperties".equals(attribute) || "InputArguments".equals(attribute));
    }

    /** @param operation a bare name or one with a signature, as Jolokia passes it */
    static boolean isSecretOperation(ObjectName name, String operation) {
        String op = ReadOnlyOperations.bareName(operation);
        return isHidden(name)
                || is(name, "com.sun.management", "HotSpotDiagnostic") && "dumpHeap".equals(op)
                || is(name, "org.apache.camel", "context") && (op.startsWith("send") || op.startsWith("request")
                        || "createEndpoint".equals(op) || "canSendToEndpoint".equals(op))
                || is(name, "org.apache.camel", "components") && "verify".equals(op);
    }

    private static boolean is(ObjectName name, String domain, String type) {
        return name != null && !name.isPattern() && domain.equals(name.getDomain())
                && type.equals(name.getKeyProperty("type"));
    }
}
