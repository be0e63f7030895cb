package io.quotaflow.console;

import io.quotaflow.support.LogLines;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Log capture for the console's password checks: everything logged, with DEBUG switched on for Hawtio,
 * Jolokia, Jetty security and quotaflow. DEBUG for Hawtio matters: it logs the session Subject at DEBUG.
 */
final class LogCapture {

    private LogCapture() {
    }

    private static final String[] DEBUG_LOGGERS = {"io.hawt", "org.jolokia", "org.eclipse.jetty.security", "io.quotaflow"};

    /** Closing the capture puts the levels back, so later tests log as configured. */
    static LogLines withSecurityDebug() {
        Map<String, Level> before = new HashMap<>();
        before.put(LogManager.ROOT_LOGGER_NAME, LogManager.getRootLogger().getLevel());
        for (String logger : DEBUG_LOGGERS) {
            before.put(logger, LogManager.getLogger(logger).getLevel());
        }
        Configurator.setRootLevel(Level.INFO);
        for (String logger : DEBUG_LOGGERS) {
            Configurator.setLevel(logger, Level.DEBUG);
        }
        return LogLines.everything().onClose(() -> Configurator.setLevel(before));
    }
}
