package io.quotaflow.console;

import java.util.List;
import java.util.Map;
import javax.management.openmbean.TabularData;

/**
 * The JMX security interface Hawtio's RBAC code calls (the shape of Karaf's {@code JMXSecurityMBean}): the
 * Jolokia restrictor {@code io.hawt.system.RBACRestrictor} invokes the 3-argument {@code canInvoke} before each
 * read, write and exec; Hawtio's UI asks the bulk {@code canInvoke(Map)} to grey out operations.
 */
public interface ConsoleAccessControlMBean {

    boolean canInvoke(String objectName);

    boolean canInvoke(String objectName, String methodName);

    boolean canInvoke(String objectName, String methodName, String[] argumentTypes);

    TabularData canInvoke(Map<String, List<String>> bulkQuery);
}
