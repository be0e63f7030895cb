package io.quotaflow.console.jolokia;

import io.hawt.system.RBACRestrictor;
import io.quotaflow.console.ConsoleAccessControl;
import javax.management.ObjectName;
import org.jolokia.server.core.config.Configuration;

/**
 * Hawtio's Jolokia restrictor with the role check done by {@link ConsoleAccessControl} directly.
 *
 * <p>Why: Hawtio 4.2.0's {@code RBACMBeanInvoker} finds the caller with {@code Subject.getSubject}, which
 * throws on Java 24 and later (the Security Manager is gone; hawtio/hawtio#4456, fixed after 4.2.0), so
 * there every Jolokia read and operation was refused and the console showed nothing. It also keeps the
 * JVM's system properties and command line (where {@code -D} secrets are) from everyone, operator included.
 * Everything else (the delegate's policy, hidden MBeans, origins) stays Hawtio's.
 *
 * <p>It extends a class that exists only inside the war, so the war's class loader must define it: the
 * build moves this package's class files off the class path root (pom.xml, maven-antrun-plugin) and
 * {@code HawtioWar} puts them on the webapp's extra class path.
 */
public class RoleRestrictor extends RBACRestrictor {

    public RoleRestrictor(Configuration config) {
        super(config);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return delegate.isAttributeReadAllowed(name, attribute) && ConsoleAccessControl.callerMayRead(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return delegate.isAttributeWriteAllowed(name, attribute) && ConsoleAccessControl.callerMayWrite();
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return delegate.isOperationAllowed(name, operation) && ConsoleAccessControl.callerMayInvoke(name, operation);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return ConsoleAccessControl.hiddenFromEveryone(name) || super.isObjectNameHidden(name);
    }
}
