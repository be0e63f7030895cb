package io.quotaflow.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hawtio-default war, taken out of the application's class path into a private temp directory.
 *
 * <p>Why a class-path resource: the build copies the war into {@code target/classes/quotaflow-console/}
 * (maven-dependency-plugin), so it ends up inside the shaded jar as one opaque file and the console works from
 * {@code java -jar quotaflow.jar} in any directory; shade does not touch a nested war. Jetty cannot serve a war
 * nested in a jar, so it is copied to a temp directory and Jetty unpacks it there ({@link #workDir()}).
 * {@link #close()} removes both.
 */
final class HawtioWar implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioWar.class);

    static final String RESOURCE = "/quotaflow-console/hawtio-default.war";
    /** Jolokia's restrictor for the console (why: its javadoc); defined by the war's class loader. */
    static final String ROLE_RESTRICTOR = "io.quotaflow.console.jolokia.RoleRestrictor";
    /** Jolokia's request handler that keeps notification requests to the operator (why: its javadoc). */
    static final String NOTIFICATION_GUARD = "io.quotaflow.console.jolokia.NotificationGuard";
    /** Where Jolokia finds its services, here the guard, on the war's class loader. */
    static final String JOLOKIA_SERVICES = "META-INF/jolokia/services";
    /**
     * Where the build puts them, off the class path root, which the application's class loader searches: the
     * classes moved by maven-antrun-plugin, the services file from {@code src/main/resources}.
     */
    private static final String WEBAPP_CLASSES = "/quotaflow-console/webapp-classes/";

    private final Path baseDir;
    private final Path warFile;
    private final Path workDir;

    private HawtioWar(Path baseDir) {
        this.baseDir = baseDir;
        this.warFile = baseDir.resolve("hawtio.war");
        this.workDir = baseDir.resolve("work");
    }

    static HawtioWar extract() {
        try (InputStream in = HawtioWar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("hawtio war not on the class path at " + RESOURCE
                        + " (the build copies it there in generate-resources: run mvn process-resources)");
            }
            HawtioWar war = new HawtioWar(Files.createTempDirectory("quotaflow-console-"));
            Files.copy(in, war.warFile);
            Files.createDirectories(war.workDir);
            war.copyWebappFile(classFile(ROLE_RESTRICTOR));
            war.copyWebappFile(classFile(NOTIFICATION_GUARD));
            war.copyWebappFile(JOLOKIA_SERVICES);
            return war;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the hawtio war", e);
        }
    }

    /**
     * Our classes that must be defined by the war's class loader (they extend Hawtio's or Jolokia's), and the file
     * that lists the guard as a Jolokia service; on the webapp's extra class path, see {@code ConsoleServer}.
     */
    Path webappClasses() {
        return baseDir.resolve("webapp-classes");
    }

    static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    private void copyWebappFile(String file) throws IOException {
        try (InputStream in = HawtioWar.class.getResourceAsStream(WEBAPP_CLASSES + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " not at " + WEBAPP_CLASSES
                        + " (the build puts it there in process-classes: run mvn process-classes)");
            }
            Path target = webappClasses().resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
    }

    Path warFile() {
        return warFile;
    }

    /** Where Jetty unpacks the war and keeps its temp files. */
    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        if (!Files.exists(baseDir)) {
            return;
        }
        try {
            PathUtils.deleteDirectory(baseDir);
        } catch (IOException e) {
            // a warning, not a throw: ConsoleServer.close() calls this before it undoes the JVM-wide JAAS
            // configuration, Hawtio's system properties and the access-control MBean, which must still happen
            LOG.warn("Could not delete the console's temp folder {} ({}); delete it by hand", baseDir, e.toString());
        }
    }
}
