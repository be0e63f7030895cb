package io.quotaflow.console;

import java.lang.management.ManagementFactory;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import javax.security.auth.Subject;

import org.eclipse.jetty.security.jaas.JAASRole;

/**
 * Role-based access control for everything the console does through Jolokia, enforced on the server.
 *
 * <p>How Hawtio 4 does RBAC outside Karaf: Jolokia can be given a restrictor class; Hawtio ships
 * {@code io.hawt.system.RBACRestrictor}, which asks the MBean matching {@code *:type=security,area=jmx,*} (the
 * first one not named "HawtioDummy") whether the current user may read an attribute, write one or exec an
 * operation. Hawtio only registers a dummy that always says yes, so by default roles gate the login and nothing
 * else: a viewer could stop routes. This class is the real answer, twice: as that MBean (Hawtio's UI asks it
 * which operations to show with a lock) and through {@link #callerMayRead(ObjectName, String)} and friends, which
 * {@code console.jolokia.RoleRestrictor} calls on the server for every Jolokia request (Hawtio 4.2.0's own
 * restrictor cannot find the caller on Java 24+). Both run inside the Jolokia request thread, which Hawtio's
 * {@code AuthenticationFilter} wraps in {@code Subject.doAs(loggedInSubject, ...)}, so the caller's roles are
 * the {@link JAASRole} principals of that Subject ({@link CallerSubject}).
 *
 * <p>Rules: operator → everything; viewer → attribute reads and {@link ReadOnlyOperations}, but no Jolokia
 * notification requests ({@link #callerMayUseNotifications()}); no Subject or no known role → nothing (fail
 * closed); and whoever asks, nothing {@link HiddenFromConsole} lists (the JVM's system properties and command
 * line, where {@code -D} API keys and passwords are, and Camel's operations that run any endpoint). Hawtio
 * caches answers per user and operation for 10 minutes, which is fine because a user's role cannot change while
 * the console runs.
 *
 * <p>Why not a Jolokia {@code jolokia-access.xml} policy: a policy applies to every caller alike, it cannot tell
 * an operator from a viewer.
 */
public final class ConsoleAccessControl implements ConsoleAccessControlMBean {

    static final String OBJECT_NAME = "quotaflow:type=security,area=jmx,name=ConsoleAccessControl";

    private static final String[] COLUMNS = {"ObjectName", "Method", "CanInvoke"};
    private static final TabularType RESULT_TYPE = resultType();

    private final MBeanServer server;
    private final ObjectName name;

    private ConsoleAccessControl(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** Registers the MBean in the platform MBean server (the one Camel and Hawtio's Jolokia use). */
    static ConsoleAccessControl register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left over from a console that was not closed; ours replaces it
            }
            ConsoleAccessControl control = new ConsoleAccessControl(server, name);
            server.registerMBean(control, name);
            return control;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + OBJECT_NAME, e);
        }
    }

    void unregister() {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + OBJECT_NAME, e);
        }
    }

    @Override
    public boolean canInvoke(String objectName) {
        // "may this user use this MBean at all": viewers may read every MBean
        return callerMayRead();
    }

    @Override
    public boolean canInvoke(String objectName, String methodName) {
        return callerMayInvoke(objectName(objectName), methodName);
    }

    @Override
    public boolean canInvoke(String objectName, String methodName, String[] argumentTypes) {
        return callerMayInvoke(objectName(objectName), methodName);
    }

    @Override
    public TabularData canInvoke(Map<String, List<String>> bulkQuery) {
        TabularDataSupport table = new TabularDataSupport(RESULT_TYPE);
        for (Map.Entry<String, List<String>> e : bulkQuery.entrySet()) {
            List<String> methods = e.getValue();
            if (methods == null || methods.isEmpty()) {
                table.put(row(e.getKey(), "", canInvoke(e.getKey())));
            } else {
                for (String method : methods) {
                    table.put(row(e.getKey(), method, callerMayInvoke(objectName(e.getKey()), method)));
                }
            }
        }
        return table;
    }

    /** Whether the signed-in caller may read attributes: either console role. */
    private static boolean callerMayRead() {
        return currentRole() != null;
    }

    /** Whether the signed-in caller may change attributes: the operator only. */
    public static boolean callerMayWrite() {
        return currentRole() == ConsoleRole.OPERATOR;
    }

    /**
     * Whether the signed-in caller may send Jolokia notification requests: the operator only. They keep a client,
     * listeners and queued notifications on the server, so they are not a viewer's read ({@code NotificationGuard}).
     */
    public static boolean callerMayUseNotifications() {
        return currentRole() == ConsoleRole.OPERATOR;
    }

    /** Whether the signed-in caller may read this attribute: either role, but nobody one {@link HiddenFromConsole} lists. */
    public static boolean callerMayRead(ObjectName mbean, String attribute) {
        return !HiddenFromConsole.isSecretAttribute(mbean, attribute) && callerMayRead();
    }

    /**
     * Whether the signed-in caller may run the operation: the operator any, the viewer read-only ones, no one
     * those {@link HiddenFromConsole} lists.
     */
    public static boolean callerMayInvoke(ObjectName mbean, String methodName) {
        if (HiddenFromConsole.isSecretOperation(mbean, methodName)) {
            return false;
        }
        ConsoleRole role = currentRole();
        if (role == ConsoleRole.OPERATOR) {
            return true;
        }
        return role == ConsoleRole.VIEWER && ReadOnlyOperations.isReadOnly(methodName);
    }

    /** MBeans the console does not list at all ({@link HiddenFromConsole}). */
    public static boolean hiddenFromEveryone(ObjectName mbean) {
        return HiddenFromConsole.isHidden(mbean);
    }

    /** The MBean name Hawtio's UI asks about, or null when it is not one (then only the role decides). */
    private static ObjectName objectName(String name) {
        try {
            return name == null ? null : new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            return null;
        }
    }

    /** The strongest console role of the calling Subject, or null when there is no authenticated caller. */
    private static ConsoleRole currentRole() {
        Subject subject = CallerSubject.get();
        if (subject == null) {
            return null;
        }
        ConsoleRole best = null;
        for (Principal p : subject.getPrincipals(JAASRole.class)) {
            if (ConsoleRole.OPERATOR.roleName().equals(p.getName())) {
                return ConsoleRole.OPERATOR;
            }
            if (ConsoleRole.VIEWER.roleName().equals(p.getName())) {
                best = ConsoleRole.VIEWER;
            }
        }
        return best;
    }

    private static CompositeDataSupport row(String objectName, String method, boolean allowed) {
        try {
            return new CompositeDataSupport(RESULT_TYPE.getRowType(), COLUMNS, new Object[] {objectName, method, allowed});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same open types as Karaf's/Hawtio's JMXSecurityMBean, so Hawtio's UI reads the answer unchanged. */
    private static TabularType resultType() {
        try {
            CompositeType rowType = new CompositeType("CanInvokeRowType", "The rows of a CanInvokeTabularType table.",
                    COLUMNS,
                    new String[] {"The ObjectName of the MBean checked", "The Method checked",
                            "true if the method or mbean can potentially be invoked by the current user."},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.BOOLEAN});
            return new TabularType("CanInvokeTabularType", "Result of canInvoke() bulk operation", rowType,
                    new String[] {"ObjectName", "Method"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
