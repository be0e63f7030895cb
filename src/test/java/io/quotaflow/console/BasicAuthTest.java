package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login in front of /metrics, over real HTTP on a bare Jetty: accounts, roles and the throttle. */
class BasicAuthTest {

    private static final String PASSWORD = "right-horse-battery";

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger served = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        UserStore users = new UserStore();
        users.addUser("operator", new MaskedPassword(PASSWORD), new String[] {ConsoleRole.OPERATOR.roleName()});
        users.addUser("viewer", new MaskedPassword("viewer-pass"), new String[] {ConsoleRole.VIEWER.roleName()});
        users.addUser("guest", new MaskedPassword("guest-pass"), new String[] {"guest"});
        Handler figures = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                served.incrementAndGet();
                Content.Sink.write(response, true, "figures\n", callback);
                return true;
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // mounted as the console mounts /metrics: its own context, answering /metrics itself
        ContextHandler metrics = new ContextHandler(BasicAuth.protect(figures, users, "test", new LoginThrottle(now::get)),
                "/metrics");
        metrics.setAllowNullPathInContext(true);
        server.setHandler(metrics);
        server.start();
        uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/metrics");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eitherConsoleRoleMayReadNobodyElse() throws Exception {
        assertThat(get("operator", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("viewer", "viewer-pass").body()).isEqualTo("figures\n");
        assertThat(get("guest", "guest-pass").statusCode()).isEqualTo(403);
        assertThat(get(null, null).statusCode()).isEqualTo(401);
        assertThat(served).hasValue(2);
    }

    @Test
    void afterFourWrongPasswordsEvenTheRightOneWaits() throws Exception {
        try (LogLines logs = LogLines.everything()) {
            for (int i = 0; i < 4; i++) {
                assertThat(get("operator", "guess-" + i).statusCode()).isEqualTo(401);
            }
            // (other loggers may be at DEBUG after other tests: Jetty's then names the roles, so only our lines)
            assertThat(logs.text().lines().filter(l -> l.contains(BasicAuth.class.getName())))
                    .containsExactly("WARN " + BasicAuth.class.getName()
                            + " - 4 failed logins in a row from 127.0.0.1 on /metrics: refused for 1 s");
            assertThat(logs.text()).doesNotContain("guess-");
        }

        HttpResponse<String> refused = get("operator", PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("Too many failed logins").contains("1 s");
        assertThat(served).as("the protected endpoint was never reached").hasValue(0);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(get("operator", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("operator", "typo").statusCode()).as("the success cleared the count").isEqualTo(401);
        assertThat(get("operator", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutCredentialsIsNotAFailedLogin() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(get(null, null).statusCode()).isEqualTo(401); // what a browser sends before it asks
        }
        assertThat(get("operator", PASSWORD).statusCode()).isEqualTo(200);
    }
}
