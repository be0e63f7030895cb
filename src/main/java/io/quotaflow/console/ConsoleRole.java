package io.quotaflow.console;

import java.util.Locale;

/**
 * The two console roles. Their names are what the JAAS login puts into the Subject (as Jetty {@code JAASRole}
 * principals) and what Hawtio is told to accept at login ({@code hawtio.roles}); {@link ConsoleAccessControl}
 * decides per role what Jolokia may do.
 */
public enum ConsoleRole {
    /** May read everything and change things: start/stop routes, exec any operation, write attributes. */
    OPERATOR,
    /** May read everything (attributes, read-only operations such as dumps), change nothing. */
    VIEWER;

    /** The role name as it appears in the JAAS Subject, e.g. {@code operator}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
