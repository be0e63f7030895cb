package io.quotaflow.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel Main's own route watcher, with two guards in front of its reload.
 *
 * <p>Why a subclass and not {@code camel.main.routesReloadEnabled}: Camel's reload first removes
 * the routes of the edited file and then loads the new YAML, so a broken edit leaves no route at all
 * (measured: the route is gone until the file is fixed). Overriding {@link #onRouteReload} is the
 * smallest Camel-native hook: the same watcher, file filter and {@code RoutesLoader.updateRoutes},
 * but the new YAML is parsed into route definitions first - without touching the running context -
 * and only a file that parses is handed to Camel. A broken file is reported in one line (file, line,
 * problem) and the previous definition keeps running; saving a fixed file applies the fix.
 *
 * <p>Second guard: an edit never lands in the middle of a job (routes swapped under in-flight
 * exchanges could lose or double-count tickers). A reload holds the {@link JobGate}; an edit saved
 * while a job runs is parsed at once (so a mistake is reported at once) and applied when the job
 * ends, before the next job can start. Only routes of the edited file are replaced
 * ({@code removeAllRoutes=false}): all quotaflow routes have ids.
 */
public class SafeRouteReloadStrategy extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(SafeRouteReloadStrategy.class);

    private final JobGate gate;
    private final Map<String, Resource> pending = new LinkedHashMap<>();

    public SafeRouteReloadStrategy(Path folder, JobGate gate) {
        super(folder.toString(), false);
        this.gate = gate;
        setPattern("*.yaml");
        setRemoveAllRoutes(false);
        gate.beforeRelease(this::applyPending);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null) {
            super.onRouteReload(null, removeEverything);
            return;
        }
        List<Resource> good = new ArrayList<>();
        for (Resource r : resources) {
            String problem = problemIn(r);
            if (problem == null) {
                good.add(r);
            } else {
                LOG.warn("Route file {} NOT applied, the previous routes keep running: {}", name(r), problem);
                synchronized (pending) {
                    pending.remove(r.getLocation());
                }
            }
        }
        if (good.isEmpty()) {
            return;
        }
        if (!gate.tryHold("route reload")) {
            synchronized (pending) {
                good.forEach(r -> pending.put(r.getLocation(), r));
            }
            LOG.info("Route file(s) {} changed while a job runs: applied when it ends", names(good));
            return;
        }
        try {
            apply(good);
        } finally {
            gate.release();
        }
    }

    /** Called by the gate after a job, still holding it, so the next job runs on the new routes. */
    private void applyPending() {
        List<Resource> todo;
        synchronized (pending) {
            todo = new ArrayList<>(pending.values());
            pending.clear();
        }
        if (!todo.isEmpty()) {
            apply(todo);
        }
    }

    private void apply(List<Resource> resources) {
        try {
            super.onRouteReload(resources, false);
            LOG.info("Route file(s) {} applied", names(resources));
        } catch (RuntimeException e) {
            // parsed but could not start (e.g. an unknown endpoint): Camel logs the details
            LOG.warn("Route file(s) {} could not be started: {}", names(resources), oneLine(e));
        }
    }

    /**
     * Parses the file into route definitions with the context's own loader, without adding them:
     * YAML syntax, unknown steps and misspelled options fail here, with their line.
     */
    String problemIn(Resource resource) {
        try {
            if (resource.getURI() != null && "file".equals(resource.getURI().getScheme())
                    && !Files.exists(Path.of(resource.getURI()))) {
                return null;
            }
            Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(getCamelContext()).findRoutesBuilders(resource);
            for (RoutesBuilder b : builders) {
                if (b instanceof RouteBuilder rb) {
                    rb.configureRoutes(getCamelContext());
                }
            }
            return null;
        } catch (Exception e) {
            return oneLine(e);
        }
    }

    /** The innermost message, on one line (YAML errors carry "line N, column M"). */
    static String oneLine(Throwable e) {
        Throwable root = e;
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (t.getMessage() != null && b.indexOf(t.getMessage()) < 0) {
                if (b.length() > 0) {
                    b.append(" <- ");
                }
                b.append(t.getMessage());
            }
        }
        String text = b.length() == 0 ? root.getClass().getSimpleName() : b.toString();
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String name(Resource r) {
        return r.getLocation().replaceFirst("^file:", "");
    }

    private static String names(Collection<Resource> rs) {
        return String.join(", ", rs.stream().map(SafeRouteReloadStrategy::name).toList());
    }
}
