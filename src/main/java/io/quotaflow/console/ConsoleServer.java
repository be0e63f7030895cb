package io.quotaflow.console;

import io.quotaflow.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded operator console: Hawtio (the hawtio-default war) on Jetty 12 in this JVM, at
 * {@code http://HOST:PORT/hawtio}, login required, two roles enforced on Jolokia.
 *
 * <p>How the parts fit:
 * <ul>
 *   <li>{@link HawtioWar}: the war travels in the jar and is unpacked to a temp dir;</li>
 *   <li>{@link ConsoleAccounts} / {@link CredentialsFile}: who may log in (a generated operator password if none
 *       is configured, printed once to stdout when that is a terminal, never logged);</li>
 *   <li>{@link ConsoleJaasConfiguration} + {@link ConsoleLoginModule}: the JAAS realm Hawtio's login uses;</li>
 *   <li>{@link ConsoleAccessControl}: who may read, write or exec, checked on every Jolokia request by
 *       {@code console.jolokia.RoleRestrictor} (Hawtio's restrictor, made to work on Java 24+), so a viewer
 *       cannot stop a route even by calling Jolokia directly; also the security MBean Hawtio's UI asks; and
 *       by {@code console.jolokia.NotificationGuard} for Jolokia's notification requests, which the restrictor
 *       is never asked about;</li>
 *   <li>{@link HawtioSystemProperties}: Hawtio's switches (realm, roles, no proxy, its login throttled);</li>
 *   <li>{@link BasicAuth} + {@link LoginThrottle}: the login of the endpoints mounted next to Hawtio
 *       ({@code /metrics}), throttled per client address.</li>
 * </ul>
 *
 * <p>The webapp loads classes parent-first so Camel, Jackson, SLF4J/Log4j and our login module come from the
 * application, not from duplicate copies inside the war. Camel's own Jolokia ({@code camel-platform-http-jolokia})
 * must not be on the class path as well: the war brings Jolokia, and two agents clash.
 *
 * <p>One console per JVM: JAAS configuration and Hawtio's settings are JVM-wide.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final AtomicReference<ConsoleServer> RUNNING = new AtomicReference<>();

    /**
     * Jolokia reads servlet-context init parameters: every request goes through Hawtio's RBAC restrictor,
     * with the role check made by quotaflow so that it also works on Java 24+ (see {@code RoleRestrictor}).
     */
    private static final String JOLOKIA_RESTRICTOR = HawtioWar.ROLE_RESTRICTOR;
    private static final String JOLOKIA_JSR160_PROXY = "org.jolokia.service.jsr160.Jsr160RequestHandler";

    private final ConsoleSettings settings;
    private final PrintStream announcements;
    private final boolean showPassword;
    private final List<Mount> mounts = new ArrayList<>();
    /** Failed logins per address on the endpoints mounted with a login (Hawtio throttles its own). */
    private final LoginThrottle loginThrottle = new LoginThrottle();

    private Server server;
    private HawtioWar war;
    private ConsoleAccessControl accessControl;
    private ConsoleJaasConfiguration jaas;
    private UserStore users;
    private HawtioSystemProperties hawtioProperties;
    private int port = -1;

    /**
     * A console that prints a generated password to {@code System.out} when that is a terminal. When it is not
     * (nohup, systemd, docker logs, a redirect) standard output is a log file, so only where the password is
     * stored is printed.
     */
    public ConsoleServer(ConsoleSettings settings) {
        this(settings, System.out, TerminalOutput.isTerminal());
    }

    /**
     * @param announcements where a newly generated password is shown (once); deliberately a plain stream and not
     *                      a logger, so the password reaches the operator's terminal but not the log files
     */
    public ConsoleServer(ConsoleSettings settings, PrintStream announcements) {
        this(settings, announcements, true);
    }

    ConsoleServer(ConsoleSettings settings, PrintStream announcements, boolean showPassword) {
        this.settings = settings;
        this.announcements = announcements;
        this.showPassword = showPassword;
    }

    /** An extra endpoint served next to Hawtio on the same connector, e.g. /metrics or /health. */
    private record Mount(String contextPath, Handler handler, boolean loginRequired) {
    }

    /**
     * Serves {@code handler} at {@code contextPath} on the console's port (call before {@link #start()}).
     *
     * @param loginRequired true: HTTP Basic with the console's accounts (operator or viewer), see {@link BasicAuth};
     *                      false: open to anyone who can reach the port, so only for endpoints that reveal
     *                      nothing sensitive
     */
    public synchronized ConsoleServer mount(String contextPath, Handler handler, boolean loginRequired) {
        if (server != null) {
            throw new IllegalStateException("mount " + contextPath + " before the console starts");
        }
        mounts.add(new Mount(contextPath, handler, loginRequired));
        return this;
    }

    /** Starts the console (no-op when disabled in the settings); returns this for chaining. */
    public synchronized ConsoleServer start() throws Exception {
        if (!settings.enabled()) {
            LOG.info("Operator console disabled (quotaflow.console.enabled=false)");
            return this;
        }
        if (server != null) {
            return this;
        }
        if (!RUNNING.compareAndSet(null, this)) {
            throw new IllegalStateException("an operator console is already running in this JVM");
        }
        long t0 = System.nanoTime();
        ServerConnector connector = null;
        try {
            server = new Server(threadPool());
            server.setStopTimeout(2_000);
            connector = new ServerConnector(server, 1, 1);
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            server.addConnector(connector);
            // bound first: a port in use is a setting to change (exit 2), found before a password is generated
            // that would then never be shown
            bind(connector);

            ConsoleAccounts accounts = ConsoleAccounts.resolve(settings);
            users = accounts.toUserStore();
            accessControl = ConsoleAccessControl.register();
            jaas = ConsoleJaasConfiguration.install(users);
            hawtioProperties = HawtioSystemProperties.apply(HawtioSystemProperties.consoleSettings());
            war = HawtioWar.extract();
            server.setHandler(handlers(webapp(war)));
            server.start();
            port = connector.getLocalPort();

            LOG.info("Operator console ready at {} in {} ms (login required; roles: operator, viewer)",
                    url(), (System.nanoTime() - t0) / 1_000_000);
            announceGeneratedPassword(accounts);
            return this;
        } catch (Exception | Error e) {
            if (connector != null && !server.isStarted()) {
                connector.close(); // bound early, and a server that never started does not close it on stop
            }
            close();
            throw e;
        }
    }

    private void bind(ServerConnector connector) {
        try {
            connector.open();
        } catch (IOException e) {
            throw cannotListen(settings, e);
        }
    }

    /**
     * Fails with the setting to change when the console's address cannot be listened on (a port in use, a host
     * that is not this machine's). Called while the app is configured, before Camel starts: found there, it is
     * one line and exit 2; found when Camel starts the console, Camel logs it first with a stack trace. A probe,
     * closed at once: {@link #start()} binds for real and says the same if the port was taken in between.
     */
    public static void checkCanListen(ConsoleSettings settings) {
        if (!settings.enabled()) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds
            probe.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException e) {
            throw cannotListen(settings, e);
        }
    }

    private static ConfigException cannotListen(ConsoleSettings settings, IOException e) {
        String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        if (why != null && why.contains("in use")) {
            return new ConfigException("quotaflow.console.port", settings.port() + " on " + settings.host()
                    + " is in use (" + why + "): choose a free port, or stop what listens there");
        }
        return new ConfigException("quotaflow.console.host", "cannot listen on " + settings.host() + ":"
                + settings.port() + " (" + why + "): use an address of this machine, e.g. 127.0.0.1");
    }

    /** The bound port (useful with port 0), or -1 when not started. */
    public synchronized int port() {
        return port;
    }

    /** {@code http://HOST:PORT/hawtio}, or null when not started. */
    public synchronized String url() {
        if (port < 0) {
            return null;
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port + "/hawtio";
    }

    /** Stops Jetty and undoes every JVM-wide change start() made; safe to call more than once. */
    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            LOG.warn("Error stopping the operator console", e);
        } finally {
            server = null;
            port = -1;
            if (war != null) {
                war.close();
                war = null;
            }
            if (hawtioProperties != null) {
                hawtioProperties.close();
                hawtioProperties = null;
            }
            if (jaas != null) {
                jaas.uninstall();
                jaas = null;
            }
            if (accessControl != null) {
                accessControl.unregister();
                accessControl = null;
            }
            if (users != null) {
                try {
                    users.stop();
                } catch (Exception ignored) {
                    // an in-memory map: nothing to release
                }
                users = null;
            }
            RUNNING.compareAndSet(this, null);
        }
    }

    private static QueuedThreadPool threadPool() {
        // a console for a few operators: a small pool keeps the footprint of the (2-core) app host low
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("quotaflow-console");
        pool.setDaemon(true);
        return pool;
    }

    /** Hawtio at /hawtio, plus every mounted endpoint in its own context. */
    private Handler handlers(WebAppContext hawtio) {
        if (mounts.isEmpty()) {
            return hawtio;
        }
        ContextHandlerCollection all = new ContextHandlerCollection(hawtio);
        for (Mount m : mounts) {
            Handler inner = m.loginRequired()
                    ? BasicAuth.protect(m.handler(), users, ConsoleJaasConfiguration.REALM, loginThrottle)
                    : m.handler();
            ContextHandler context = new ContextHandler(inner, m.contextPath());
            context.setAllowNullPathInContext(true); // /metrics answers itself instead of redirecting to /metrics/
            all.addHandler(context);
        }
        return all;
    }

    private static WebAppContext webapp(HawtioWar war) {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(war.warFile().toString());
        webapp.setTempDirectory(war.workDir().toFile());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.setInitParameter("restrictorClass", JOLOKIA_RESTRICTOR);
        // Jolokia's JSR-160 proxy (a request with a "target") connects to any JMX service URL the caller names:
        // the app would open connections wherever a console user says, and read other JVMs past their login
        webapp.setInitParameter("disabledServices", JOLOKIA_JSR160_PROXY);
        // the restrictor extends a class of the war, so the war's loader defines it, from here
        webapp.setExtraClasspath(war.webappClasses().toString());
        webapp.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
        return webapp;
    }

    private void announceGeneratedPassword(ConsoleAccounts accounts) {
        ConsoleAccount generated = accounts.generatedOperator();
        if (generated == null) {
            return;
        }
        announcements.println();
        announcements.println("=== quotaflow operator console: " + url());
        if (showPassword) {
            announcements.println("=== user '" + generated.username() + "', generated password: " + generated.password());
            announcements.println("=== (shown only now; stored owner-only in " + accounts.credentialsFile().path() + ")");
        } else {
            announcements.println("=== user '" + generated.username() + "', generated password stored owner-only in "
                    + accounts.credentialsFile().path() + " (not printed: the output is not a terminal)");
        }
        announcements.println();
        announcements.flush();
    }
}
