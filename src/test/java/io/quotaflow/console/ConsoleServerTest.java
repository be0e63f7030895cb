package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quotaflow.support.LogLines;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;

import javax.management.ObjectName;

import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over real HTTP: login required, operator may do everything, viewer may read but not stop a route
 * (enforced in Jolokia, not just hidden in the UI), the generated password is private and never logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleServerTest {

    @TempDir
    static Path home;

    static LogLines logs;
    static ConsoleTestApp app;
    static JolokiaClient jolokia;
    static String operator;
    static String operatorPassword;
    static String routeMBean;

    @BeforeAll
    static void startAppAndConsole() throws Exception {
        logs = LogCapture.withSecurityDebug();
        app = new ConsoleTestApp(home.resolve(".quotaflow/console-credentials.properties")).start();
        jolokia = new JolokiaClient(app.console.url());

        Properties stored = new Properties();
        try (var in = Files.newInputStream(app.settings.credentialsFile())) {
            stored.load(in);
        }
        operator = stored.getProperty("username");
        operatorPassword = stored.getProperty("password");

        Route route = app.camel().getRoute(ConsoleTestApp.ROUTE_ID);
        ObjectName name = app.camel().getManagementStrategy().getManagementObjectNameStrategy().getObjectNameForRoute(route);
        routeMBean = name.getCanonicalName();
    }

    @AfterAll
    static void stopEverything() {
        if (app != null) {
            app.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    void consoleListensOnLoopbackAtHawtio() {
        assertThat(app.console.port()).isPositive();
        assertThat(app.console.url()).isEqualTo("http://127.0.0.1:" + app.console.port() + "/hawtio");
    }

    @Test
    @Order(2)
    void jolokiaWithoutCredentialsIsRefused() throws Exception {
        assertThat(jolokia.get(null, null).httpStatus()).isIn(401, 403);
    }

    @Test
    @Order(3)
    void operatorReadsRouteStatistics() throws Exception {
        assertThat(jolokia.get(operator, operatorPassword).httpStatus()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JolokiaClient.Reply reply = jolokia.read(operator, operatorPassword, routeMBean, "ExchangesCompleted");
            assertThat(reply.httpStatus()).isEqualTo(200);
            assertThat(reply.jolokiaStatus()).isEqualTo(200);
            assertThat(reply.value().asLong()).isPositive();
        });
    }

    @Test
    @Order(4)
    void viewerReadsButCannotStopRoute() throws Exception {
        JolokiaClient.Reply read = jolokia.read(ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD, routeMBean, "ExchangesCompleted");
        assertThat(read.jolokiaStatus()).isEqualTo(200);
        assertThat(read.value().asLong()).isPositive();

        // read-only operations stay open to a viewer: Hawtio's route diagram needs the route dumps
        JolokiaClient.Reply dump = jolokia.exec(ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD, routeMBean, "dumpRouteAsXml()");
        assertThat(dump.jolokiaStatus()).isEqualTo(200);
        assertThat(dump.value().asText()).contains(ConsoleTestApp.ROUTE_ID);

        // Jolokia answers HTTP 200 with the refusal as status 403 in the JSON body
        JolokiaClient.Reply stop = jolokia.exec(ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD, routeMBean, "stop()");
        assertThat(stop.jolokiaStatus()).as("viewer's stop must be refused: %s", stop.body()).isEqualTo(403);
        assertThat(stop.body().get("error").asText()).contains("forbidden");
        assertThat(app.camel().getRouteController().getRouteStatus(ConsoleTestApp.ROUTE_ID).isStarted()).isTrue();

        JolokiaClient.Reply write = jolokia.write(ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD, routeMBean, "Tracing", true);
        assertThat(write.jolokiaStatus()).as("viewer's attribute write must be refused: %s", write.body()).isEqualTo(403);
        assertThat(app.camel().getRoute(ConsoleTestApp.ROUTE_ID).isTracing()).isFalse();
    }

    /**
     * A scripted run passes settings as -D options, so API keys and console passwords can sit in the JVM's
     * system properties and command line: no console user sees those, the operator included.
     */
    @Test
    @Order(8)
    void noOneSeesTheJvmsSystemPropertiesOrCommandLine() throws Exception {
        String planted = plantSecret("PLANTEDsysPr0p");
        String contextMBean = contextMBean();
        try {
            Path heapDump = home.resolve("heap.hprof");
            for (String[] user : new String[][] {{operator, operatorPassword},
                    {ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD}}) {
                for (String attribute : new String[] {"SystemProperties", "InputArguments"}) {
                    JolokiaClient.Reply reply = jolokia.read(user[0], user[1], "java.lang:type=Runtime", attribute);
                    assertThat(reply.jolokiaStatus()).as("%s reads %s: %s", user[0], attribute, reply.body()).isEqualTo(403);
                }
                // the rest of the Runtime MBean stays readable, the way Hawtio reads it (its JVM view)
                JolokiaClient.Reply runtime = jolokia.readAllIgnoringErrors(user[0], user[1], "java.lang:type=Runtime");
                assertThat(runtime.jolokiaStatus()).as("%s", runtime.body()).isEqualTo(200);
                assertThat(runtime.value().get("Uptime").isNumber()).as("%s", runtime.body()).isTrue();
                assertThat(runtime.value().get("SystemProperties").isObject()).as("%s", runtime.body()).isFalse();
                assertThat(runtime.body().toString()).doesNotContain(planted);

                JolokiaClient.Reply command = jolokia.exec(user[0], user[1],
                        "com.sun.management:type=DiagnosticCommand", "vmSystemProperties()");
                assertThat(command.jolokiaStatus()).as("%s", command.body()).isEqualTo(403);
                assertThat(String.valueOf(command.body())).doesNotContain(planted);

                JolokiaClient.Reply listed = jolokia.search(user[0], user[1], "*:*");
                assertThat(listed.jolokiaStatus()).isEqualTo(200);
                assertThat(listed.value().toString()).contains("java.lang:type=Runtime")
                        .doesNotContain("DiagnosticCommand").doesNotContain("jdk.management.jfr");

                // Camel's "send a message" would run any endpoint in the app, e.g. bean:settings?method=apiKeys
                JolokiaClient.Reply send = jolokia.exec(user[0], user[1], contextMBean,
                        "requestBody(java.lang.String,java.lang.Object)", "direct:nowhere", "x");
                assertThat(send.jolokiaStatus()).as("%s sends a message: %s", user[0], send.body()).isEqualTo(403);

                JolokiaClient.Reply dump = jolokia.exec(user[0], user[1], "com.sun.management:type=HotSpotDiagnostic",
                        "dumpHeap(java.lang.String,boolean)", heapDump.toString(), true);
                assertThat(dump.jolokiaStatus()).as("%s dumps the heap: %s", user[0], dump.body()).isEqualTo(403);
                assertThat(heapDump).doesNotExist();
            }
        } finally {
            System.clearProperty("quotaflow.test.planted-secret");
        }
    }

    @Test
    @Order(9)
    void noOneMakesTheAppFillInASecretOrReachAnotherJvm() throws Exception {
        String planted = plantSecret("PLANTEDendp0int");
        String contextMBean = contextMBean();
        try (ServerSocket jmx = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (String[] user : new String[][] {{operator, operatorPassword},
                    {ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD}}) {
                // Camel fills in placeholders in these URIs and names the endpoint after the result
                for (String op : new String[] {"createEndpoint(java.lang.String)", "canSendToEndpoint(java.lang.String)"}) {
                    JolokiaClient.Reply made = jolokia.exec(user[0], user[1], contextMBean, op,
                            "log:{{sys:quotaflow.test.planted-secret}}");
                    assertThat(made.jolokiaStatus()).as("%s %s: %s", user[0], op, made.body()).isEqualTo(403);
                }
                assertThat(jolokia.search(user[0], user[1], "org.apache.camel:type=endpoints,*").value().toString())
                        .doesNotContain(planted);

                // Hawtio's list of local JVMs shows their command lines
                assertThat(jolokia.search(user[0], user[1], "hawtio:*").value().toString()).doesNotContain("JVMList");
                JolokiaClient.Reply jvms = jolokia.exec(user[0], user[1], "hawtio:type=JVMList", "listLocalJVMs()");
                assertThat(jvms.jolokiaStatus()).as("%s lists local JVMs: %s", user[0], jvms.body()).isEqualTo(403);

                // Jolokia's JSR-160 proxy would connect wherever the request's target says; without it, the
                // request is answered here (what the user may see anyway)
                jolokia.request(user[0], user[1], """
                        {"type": "search", "mbean": "java.lang:*", "target": {"url": "service:jmx:rmi:///jndi/rmi://127.0.0.1:%d/jmxrmi"}}"""
                        .formatted(jmx.getLocalPort()));
            }
            // a proxied request connects before it answers: had one connected, it would be waiting here
            jmx.setSoTimeout(200);
            assertThatThrownBy(jmx::accept).as("nobody connected to the JMX port").isInstanceOf(SocketTimeoutException.class);
        } finally {
            System.clearProperty("quotaflow.test.planted-secret");
        }
    }

    /**
     * Jolokia's notification requests keep state on the server for each client (a registered client, listeners on
     * MBeans, queued notifications) and Jolokia asks no restrictor about them: not a viewer's "read". The operator
     * keeps them (Hawtio's own pages do not use them).
     */
    @Test
    @Order(10)
    void onlyTheOperatorRegistersNotificationListeners() throws Exception {
        String viewer = ConsoleTestApp.VIEWER;
        String viewerPassword = ConsoleTestApp.VIEWER_PASSWORD;
        JolokiaClient.Reply viewerRegister = jolokia.request(viewer, viewerPassword, notification("register", null));
        assertThat(viewerRegister.jolokiaStatus()).as("viewer registers: %s", viewerRegister.body()).isEqualTo(403);
        assertThat(viewerRegister.body().has("value")).as("no client id for the viewer").isFalse();

        JolokiaClient.Reply operatorRegister = jolokia.request(operator, operatorPassword, notification("register", null));
        assertThat(operatorRegister.jolokiaStatus()).as("operator registers: %s", operatorRegister.body()).isEqualTo(200);
        String client = operatorRegister.value().get("id").asText();
        assertThat(client).isNotBlank();

        // nor may the viewer use a client the operator registered: add a listener to it, ping, list or drop it
        String add = notification("add", client).replace("}", """
                , "mode": "pull", "mbean": "JMImplementation:type=MBeanServerDelegate"}""");
        for (String request : new String[] {add, notification("ping", client), notification("list", client),
                notification("unregister", client)}) {
            JolokiaClient.Reply refused = jolokia.request(viewer, viewerPassword, request);
            assertThat(refused.jolokiaStatus()).as("viewer %s: %s", request, refused.body()).isEqualTo(403);
        }

        JolokiaClient.Reply operatorAdd = jolokia.request(operator, operatorPassword, add);
        assertThat(operatorAdd.jolokiaStatus()).as("operator adds a listener: %s", operatorAdd.body()).isEqualTo(200);
        JolokiaClient.Reply listed = jolokia.request(operator, operatorPassword, notification("list", client));
        assertThat(listed.value().has(operatorAdd.value().asText())).as("%s", listed.body()).isTrue();
        JolokiaClient.Reply unregister = jolokia.request(operator, operatorPassword, notification("unregister", client));
        assertThat(unregister.jolokiaStatus()).as("operator unregisters: %s", unregister.body()).isEqualTo(200);
    }

    /** A Jolokia notification request, e.g. {@code {"type": "notification", "command": "ping", "client": "..."}}. */
    private static String notification(String command, String client) {
        return "{\"type\": \"notification\", \"command\": \"" + command + "\""
                + (client == null ? "" : ", \"client\": \"" + client + "\"") + "}";
    }

    /** A secret where -Dquotaflow.api.keys=... would be: a system property (cleared by the test). */
    private static String plantSecret(String prefix) {
        String planted = prefix + System.nanoTime();
        System.setProperty("quotaflow.test.planted-secret", planted);
        return planted;
    }

    private static String contextMBean() throws Exception {
        return app.camel().getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForCamelContext(app.camel()).getCanonicalName();
    }

    @Test
    @Order(5)
    void operatorCanStopAndStartRoute() throws Exception {
        JolokiaClient.Reply stop = jolokia.exec(operator, operatorPassword, routeMBean, "stop()");
        assertThat(stop.jolokiaStatus()).as("body %s", stop.body()).isEqualTo(200);
        assertThat(app.camel().getRouteController().getRouteStatus(ConsoleTestApp.ROUTE_ID).isStopped()).isTrue();

        JolokiaClient.Reply start = jolokia.exec(operator, operatorPassword, routeMBean, "start()");
        assertThat(start.jolokiaStatus()).as("body %s", start.body()).isEqualTo(200);
        assertThat(app.camel().getRouteController().getRouteStatus(ConsoleTestApp.ROUTE_ID).isStarted()).isTrue();
    }

    @Test
    @Order(6)
    void wrongPasswordIsRefused() throws Exception {
        assertThat(jolokia.get(operator, operatorPassword + "x").httpStatus()).isIn(401, 403);
        assertThat(jolokia.get(ConsoleTestApp.VIEWER, "guess").httpStatus()).isIn(401, 403);
        assertThat(jolokia.get("nobody", operatorPassword).httpStatus()).isIn(401, 403);
        // Hawtio logs each refusal with the login module's message, which Jetty's leaves empty
        assertThat(logs.text()).contains("Login failed due to: wrong user name or password")
                .doesNotContain("Login failed due to: null");
    }

    @Test
    @Order(7)
    void generatedPasswordIsPrivateShownOnceAndNeverLogged() throws Exception {
        Path file = app.settings.credentialsFile();
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(operatorPassword).hasSizeGreaterThanOrEqualTo(32);

        // shown exactly once, on the console's stdout stream
        String printed = app.printed();
        assertThat(printed.split(java.util.regex.Pattern.quote(operatorPassword), -1)).hasSize(2);

        // the capture really saw the console's and Hawtio's log lines (incl. DEBUG), yet no password
        String logged = logs.text();
        assertThat(logged).contains("Operator console ready at").contains("io.hawt");
        assertThat(logged).doesNotContain(operatorPassword).doesNotContain(ConsoleTestApp.VIEWER_PASSWORD);
    }
}
