package io.quotaflow.console;

import io.quotaflow.support.LogLines;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Log capture for the console's password checks: everything logged, with DEBUG switched on for Hawtio,
 * Jolokia, Jetty security and quotaflow. DEBUG for Hawtio matters: it logs the session Subject at DEBUG.
 */
final class LogCapture {

    private LogCapture() {
    }

    static LogLines withSecurityDebug() {
        Configurator.setRootLevel(Level.INFO);
        Configurator.setLevel("io.hawt", Level.DEBUG);
        Configurator.setLevel("org.jolokia", Level.DEBUG);
        Configurator.setLevel("org.eclipse.jetty.security", Level.DEBUG);
        Configurator.setLevel("io.quotaflow", Level.DEBUG);
        return LogLines.everything();
    }
}
