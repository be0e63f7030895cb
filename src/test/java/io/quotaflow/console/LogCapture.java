package io.quotaflow.console;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged (INFO and up, DEBUG for Hawtio, Jolokia, Jetty security and the console) into a
 * string, so a test can assert a password never reaches a log. DEBUG for Hawtio matters: it logs the session
 * Subject at DEBUG.
 */
final class LogCapture implements AutoCloseable {

    private static final String NAME = "console-test-capture";
    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;

    LogCapture() {
        Configurator.setRootLevel(Level.INFO);
        Configurator.setLevel("io.hawt", Level.DEBUG);
        Configurator.setLevel("org.jolokia", Level.DEBUG);
        Configurator.setLevel("org.eclipse.jetty.security", Level.DEBUG);
        Configurator.setLevel("io.quotaflow", Level.DEBUG);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.newBuilder()
                .setName(NAME)
                .setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n%ex").build())
                .build();
        appender.start();
        Configuration config = ctx.getConfiguration();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        ctx.updateLoggers();
    }

    String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(NAME);
        ctx.updateLoggers();
        appender.stop();
    }
}
