package io.quotaflow.support;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures what is logged while it is open, so a test can assert on log lines: by default INFO and up
 * with short logger names; {@link #everything()} for scans that a secret never reaches a log.
 */
public final class LogLines implements AutoCloseable {

    private final String name = "log-lines-" + System.nanoTime();
    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final List<Runnable> onClose = new ArrayList<>();

    public LogLines() {
        this(Level.INFO, "%p %c{1} - %m%n");
    }

    /** Every level that reaches a logger, with full logger names and stack traces. */
    public static LogLines everything() {
        return new LogLines(Level.ALL, "%p %c - %m%n%ex");
    }

    private LogLines(Level level, String pattern) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.newBuilder()
                .setName(name)
                .setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern(pattern).build())
                .build();
        appender.start();
        Configuration config = ctx.getConfiguration();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, level, null);
        ctx.updateLoggers();
    }

    public String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    /** How many logged lines contain the text. */
    public long count(String text) {
        return text().lines().filter(l -> l.contains(text)).count();
    }

    /** Something to undo when the capture ends, e.g. logger levels raised for it. */
    public LogLines onClose(Runnable undo) {
        onClose.add(undo);
        return this;
    }

    @Override
    public void close() {
        onClose.forEach(Runnable::run);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(name);
        ctx.updateLoggers();
        appender.stop();
    }
}
