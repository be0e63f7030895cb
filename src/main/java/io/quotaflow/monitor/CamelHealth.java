package io.quotaflow.monitor;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * UP when the Camel context is started and every route that should run (auto-startup) is started; DOWN
 * otherwise, e.g. while starting, while stopping, or after someone stopped a route in the console.
 *
 * <p>The answer is deliberately small (status, context status, route counts): it is served without login, so it
 * names no routes, endpoints, keys or figures.
 */
final class CamelHealth {

    private final CamelContext context;

    CamelHealth(CamelContext context) {
        this.context = context;
    }

    TextHandler.Reply check() {
        ServiceStatus camel = context.getStatus();
        int total = 0;
        int started = 0;
        for (Route route : context.getRoutes()) {
            if (!route.isAutoStartup()) {
                continue; // a route meant to be started by hand is not a fault while stopped
            }
            total++;
            if (context.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started) {
                started++;
            }
        }
        boolean up = camel.isStarted() && started == total && total > 0;
        String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"camel\":\"" + camel
                + "\",\"routesStarted\":" + started + ",\"routes\":" + total + "}\n";
        return new TextHandler.Reply(up ? 200 : 503, "application/json", body);
    }
}
