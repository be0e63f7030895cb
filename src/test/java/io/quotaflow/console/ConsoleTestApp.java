package io.quotaflow.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Test fixture: a Camel Main app with one tiny route ({@code tick}: timer → log) and JMX on, plus the console on
 * a free port on 127.0.0.1 with a generated operator password and a configured viewer.
 */
final class ConsoleTestApp implements AutoCloseable {

    static final String ROUTE_ID = "tick";
    static final String VIEWER = "watcher";
    static final String VIEWER_PASSWORD = "viewer-pass-4711";

    final Main main = new Main();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ConsoleSettings settings;
    final ConsoleServer console;

    ConsoleTestApp(Path credentialsFile) {
        settings = ConsoleSettings.defaults()
                .withPort(0)
                .withViewer(VIEWER, VIEWER_PASSWORD)
                .withCredentialsFile(credentialsFile);
        console = new ConsoleServer(settings, new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    ConsoleTestApp start() throws Exception {
        ConsoleCamelSettings.applyTo(main.configure());
        main.configure().setName("quotaflow-test");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:tick?period=100").routeId(ROUTE_ID)
                        .setBody(constant("tick"))
                        .log(org.apache.camel.LoggingLevel.DEBUG, "tick")
                        .to("log:tick?level=DEBUG");
            }
        });
        main.start();
        console.start();
        return this;
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        console.close();
        main.stop();
    }
}
