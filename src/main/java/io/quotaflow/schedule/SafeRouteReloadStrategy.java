package io.quotaflow.schedule;

import io.quotaflow.Causes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
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
 * problem) and the previous definition keeps running; saving a fixed file applies the fix. A file
 * that parses but cannot be started (say, a bean that does not exist) is only found out by Camel's
 * reload, which has already removed the old routes by then: the last version that loaded is kept in
 * memory and loaded again, so that case too ends with the previous routes running.
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
    /** The content of each route file as last loaded successfully, by path: what a failed reload restores. */
    private final Map<Path, String> lastGood = new ConcurrentHashMap<>();
    private final Map<Path, String> validated = new ConcurrentHashMap<>();
    /** The broken text (and its problem) last reported per file: a second event of the same save says nothing new. */
    private final Map<Path, String> reportedBroken = new ConcurrentHashMap<>();
    /** The route ids each file defined when it was last parsed: a route of the file not among them is dropped on apply. */
    private final Map<Path, Set<String>> validatedIds = new ConcurrentHashMap<>();
    private volatile ExecutorService reloader;

    public SafeRouteReloadStrategy(Path folder, JobGate gate) {
        super(folder.toString(), false);
        this.gate = gate;
        setPattern("*.yaml");
        setRemoveAllRoutes(false);
        gate.afterJob(this::applyPending);
    }

    @Override
    protected void doStart() throws Exception {
        reloader = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "quotaflow-route-reload");
        super.doStart();
        // the files as Camel loaded them at start-up are the first known-good versions
        try (Stream<Path> files = Files.list(Path.of(getFolder()))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                lastGood.put(f.toAbsolutePath().normalize(), Files.readString(f));
            }
        }
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null) {
            super.onRouteReload(null, removeEverything);
            return;
        }
        List<Resource> good = new ArrayList<>();
        for (Resource r : resources) {
            Path path = pathOf(r);
            if (path != null && !Files.exists(path)) {
                // a moved or deleted file: its routes are the running service's, so they stay until a restart
                LOG.warn("Route file {} was removed: its routes keep running until quotaflow restarts", name(r));
                dropPending(r); // an edit saved before the removal is gone with the file
                continue;
            }
            if (path != null && isEmpty(path)) {
                // saved in place (`cat new.yaml > fetch.yaml`, some editors): the file is emptied, then written,
                // and the watcher may see it between the two; the write is the next event. Not a problem to warn
                // of, and nothing to apply: an empty file has no routes, and the running ones stay.
                LOG.info("Route file {} is empty: nothing applied, its routes keep running (the next save applies)",
                        name(r));
                continue;
            }
            String problem = problemIn(r);
            if (problem == null && path != null) {
                reportedBroken.remove(path); // broken again later, in the same way, is news again
            }
            if (problem == null && unchanged(path)) {
                // One save often reaches the watcher as two or three events (truncate, write, rename), each a
                // reload that restarts the file's routes and holds the gate ~2 s (a schedule slot then is
                // skipped): a file that reads as it was last loaded has nothing to apply.
                LOG.debug("Route file {} unchanged since it was last loaded: nothing to apply", name(r));
                dropPending(r);
            } else if (problem == null) {
                good.add(r);
            } else {
                // one save often reaches the watcher as two events (sed -i, editors): the same broken text, the same
                // problem, reported once
                String seen = path == null ? null : validated.get(path) + "\n" + problem;
                if (seen != null && seen.equals(reportedBroken.put(path, seen))) {
                    LOG.debug("Route file {} still as reported: {}", name(r), problem);
                } else {
                    LOG.warn("Route file {} NOT applied, the previous routes keep running: {}", name(r), problem);
                }
                dropPending(r);
            }
        }
        if (good.isEmpty()) {
            return;
        }
        // Whoever holds the gate applies what is pending before it lets go (releaseAfterPending), and both
        // happen under the pending lock: an edit can never be left waiting for a job after the one it missed.
        synchronized (pending) {
            if (!gate.tryHold("route reload")) {
                String holder = gate.holder();
                good.forEach(r -> pending.put(r.getLocation(), r));
                LOG.info("Route file(s) {} changed while {}: applied when it ends", names(good),
                        "route reload".equals(holder) ? "other route files are applied" : "a job runs");
                return;
            }
        }
        try {
            apply(good);
        } finally {
            releaseAfterPending(gate::release);
        }
    }

    /** An edit of {@code r} saved while a job ran is not applied when it ends: the file as it is now decides. */
    private void dropPending(Resource r) {
        synchronized (pending) {
            pending.remove(r.getLocation());
        }
    }

    private static boolean isEmpty(Path path) {
        try {
            return Files.size(path) == 0;
        } catch (IOException e) {
            return false; // read (and reported) by problemIn
        }
    }

    /** True when the file as just parsed is the version last loaded successfully. */
    private boolean unchanged(Path path) {
        String content = path == null ? null : validated.get(path);
        return content != null && content.equals(lastGood.get(path));
    }

    /**
     * Called by the gate after a job, still holding it, so the next job runs on the new routes. The
     * reload runs on its own thread: the caller is the run-job route itself, which an edit of
     * service.yaml replaces, and a route cannot be stopped from inside its own exchange.
     */
    private boolean applyPending(Runnable release) {
        synchronized (pending) {
            if (pending.isEmpty() || reloader == null) {
                release.run();
                return true;
            }
        }
        reloader.execute(() -> releaseAfterPending(release));
        return true;
    }

    /** Applies the edits saved while the gate was held, until there are none, then lets the gate go. */
    private void releaseAfterPending(Runnable release) {
        while (true) {
            List<Resource> todo;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    release.run();
                    return;
                }
                todo = new ArrayList<>(pending.values());
                pending.clear();
            }
            apply(todo); // reports (and undoes) a file that cannot be started itself
        }
    }

    private void apply(List<Resource> resources) {
        try {
            removeDropped(resources);
            super.onRouteReload(resources, false);
            for (Resource r : resources) {
                Path p = pathOf(r);
                if (p != null && validated.containsKey(p)) {
                    lastGood.put(p, validated.get(p));
                }
            }
            LOG.info("Route file(s) {} applied", names(resources));
        } catch (RuntimeException e) {
            // it parsed but could not be started (e.g. a bean or component that does not exist), and
            // Camel has already removed the old routes of the file: load the last good version again
            LOG.warn("Route file(s) {} NOT applied, could not be started: {}; restoring the previous version",
                    names(resources), oneLine(e, resources));
            restore(resources);
        }
    }

    /**
     * Stops and removes the running routes of these files that their new versions no longer define (a route
     * renamed or deleted from the file). Camel's reload only replaces routes by id: a renamed route ran on beside
     * its new self (the progress line twice), and a renamed route on a direct: endpoint clashed with the old one
     * and was refused. A failed reload restores the previous version, these routes included.
     */
    private void removeDropped(List<Resource> resources) {
        for (Resource r : resources) {
            Path p = pathOf(r);
            Set<String> ids = p == null ? null : validatedIds.get(p);
            if (ids == null) {
                continue;
            }
            for (Route route : List.copyOf(getCamelContext().getRoutes())) {
                Resource source = route.getSourceResource();
                if (source != null && p.equals(pathOf(source)) && !ids.contains(route.getRouteId())) {
                    try {
                        getCamelContext().getRouteController().stopRoute(route.getRouteId());
                        getCamelContext().removeRoute(route.getRouteId());
                    } catch (Exception e) {
                        throw new IllegalStateException("route " + route.getRouteId() + ", no longer in the file, could not be removed: "
                                + e.getMessage(), e);
                    }
                    LOG.info("Route {} is no longer in {}: stopped and removed", route.getRouteId(), name(r));
                }
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (reloader != null) {
            getCamelContext().getExecutorServiceManager().shutdown(reloader);
            reloader = null;
        }
    }

    private void restore(List<Resource> resources) {
        List<Resource> previous = new ArrayList<>();
        for (Resource r : resources) {
            Path p = pathOf(r);
            String good = p == null ? null : lastGood.get(p);
            if (good == null) {
                // a new file: its previous version is no routes at all, loaded like any other so Camel forgets the file
                LOG.error("No previous version of {} to restore: its routes are stopped until the file is fixed", name(r));
                previous.add(ResourceHelper.fromString(r.getLocation(), "[]"));
            } else {
                previous.add(ResourceHelper.fromString(r.getLocation(), good));
            }
        }
        try {
            // Through Camel's own reload, not RoutesLoader.updateRoutes: Camel remembers the files of a reload that
            // failed and loads them again - from disk, so the broken version - with the next reload of ANY file,
            // removing their routes once more. A reload that succeeds (this one) is what makes it forget them.
            super.onRouteReload(previous, false);
            previous.stream().filter(r -> lastGood.containsKey(pathOf(r)))
                    .forEach(r -> LOG.info("Previous version of {} restored and running", name(r)));
        } catch (RuntimeException e) {
            LOG.error("Could not restore the previous version of {}: {}", names(previous), oneLine(e, previous));
        }
    }

    private static Path pathOf(Resource r) {
        try {
            return "file".equals(r.getURI().getScheme()) ? Path.of(r.getURI()).toAbsolutePath().normalize() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Parses the file into route definitions with the context's own loader, without adding them:
     * YAML syntax, unknown steps and misspelled options fail here, with their line.
     */
    String problemIn(Resource resource) {
        try {
            Path path = pathOf(resource);
            if (path == null) {
                return null;
            }
            String content = Files.readString(path); // a removed file never gets here (onRouteReload)
            validated.put(path, content);
            Resource copy = ResourceHelper.fromString(resource.getLocation(), content);
            Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(getCamelContext()).findRoutesBuilders(copy);
            Set<String> ids = new HashSet<>();
            for (RoutesBuilder b : builders) {
                if (b instanceof RouteBuilder rb) {
                    rb.configureRoutes(getCamelContext());
                    rb.getRouteCollection().getRoutes().stream().map(RouteDefinition::getRouteId).forEach(ids::add);
                }
            }
            validatedIds.put(path, ids);
            return null;
        } catch (Exception e) {
            return oneLine(e, List.of(resource));
        }
    }

    /**
     * The messages of the cause chain on one line, without repeating the file name (YAML errors
     * carry "line N, column M" after it).
     */
    public static String oneLine(Throwable e, Collection<Resource> files) {
        StringBuilder b = new StringBuilder();
        for (Throwable t : Causes.of(e)) {
            if (t.getMessage() != null && b.indexOf(t.getMessage()) < 0) {
                if (b.length() > 0) {
                    b.append(" <- ");
                }
                b.append(t.getMessage());
            }
        }
        String text = b.length() == 0 ? Causes.root(e).getClass().getSimpleName() : b.toString();
        for (Resource f : files) {
            text = text.replace("Error pre-parsing resource: " + f.getLocation() + " <- ", "")
                    .replace(" in " + f.getLocation() + ",", " at")
                    .replace(f.getLocation(), name(f));
        }
        // Camel's "Failed to create route: id at: >>> whole route dump <<< ... because: reason"
        text = text.replaceAll("(?s)Failed to create route: (\\S+) at: .* because: ", "route $1: ");
        // snakeyaml points at the column with a caret on its own line: drop it with the line breaks
        return text.replaceAll("\\s*\\R\\s*\\^?\\s*", " ").trim();
    }

    private static String name(Resource r) {
        return r.getLocation().replaceFirst("^file:", "");
    }

    private static String names(Collection<Resource> rs) {
        return String.join(", ", rs.stream().map(SafeRouteReloadStrategy::name).toList());
    }
}
