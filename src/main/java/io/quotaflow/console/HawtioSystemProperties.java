package io.quotaflow.console;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hawtio's settings for the embedded console, applied as system properties and restored on close.
 *
 * <p>Why system properties: the hawtio-default war's context listener creates its {@code ConfigManager} with the
 * no-argument constructor, which reads {@code hawtio.*} system properties and nothing else (servlet init
 * parameters are not consulted), so there is no per-webapp way in. Jolokia's own settings, by contrast, are read
 * from servlet-context init parameters and are set there by {@link ConsoleServer}.
 */
final class HawtioSystemProperties implements AutoCloseable {

    private final Map<String, String> previous = new HashMap<>();

    private HawtioSystemProperties() {
    }

    /** The Hawtio settings this console runs with. */
    static Map<String, String> consoleSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        // login through JAAS realm REALM (ConsoleJaasConfiguration); only these roles may log in at all
        p.put("hawtio.authenticationEnabled", "true");
        p.put("hawtio.realm", ConsoleJaasConfiguration.REALM);
        p.put("hawtio.roles", ConsoleRole.OPERATOR.roleName() + "," + ConsoleRole.VIEWER.roleName());
        // Hawtio matches role principals by class name; Jetty's login module produces JAASRole
        p.put("hawtio.rolePrincipalClasses", "org.eclipse.jetty.security.jaas.JAASRole");
        // requests without credentials get 403, not 401 + WWW-Authenticate: a 401 would make the browser pop up
        // its own Basic-auth dialog over Hawtio's login page whenever a session expires
        p.put("hawtio.noCredentials401", "false");
        // keep Hawtio's brute-force throttling on (it is the default; stated so nobody turns it off by accident)
        p.put("hawtio.authenticationThrottled", "true");
        // the "connect to another JVM" proxy could reach other local Jolokia agents past our RBAC: off
        p.put("hawtio.disableProxy", "true");
        p.put("hawtio.localAddressProbing", "false");
        // no Keycloak/OIDC, no Tomcat container discovery (avoids a warning and a class probe per start)
        p.put("hawtio.keycloakEnabled", "false");
        p.put("hawtio.authenticationContainerDiscoveryClasses", "");
        return p;
    }

    static HawtioSystemProperties apply(Map<String, String> settings) {
        HawtioSystemProperties applied = new HawtioSystemProperties();
        settings.forEach((key, value) -> {
            applied.previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        return applied;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        previous.clear();
    }
}
