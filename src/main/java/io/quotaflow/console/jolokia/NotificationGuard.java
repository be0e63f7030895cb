package io.quotaflow.console.jolokia;

import io.quotaflow.console.ConsoleAccessControl;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.request.AbstractRequestHandler;
import org.jolokia.server.core.util.RequestType;

/**
 * Keeps Jolokia's {@code notification} requests (register, add, remove, ping, open, list, unregister) to the
 * operator: a viewer's request is answered 403 before Jolokia handles it.
 *
 * <p>Why: they are not reads. Each one keeps state on the server: a registered client (Jolokia never drops one
 * that stops pinging), JMX listeners on MBeans, notifications queued for it or an open event stream. And Jolokia
 * asks no restrictor about them: {@code RoleRestrictor.isTypeAllowed} is never called for this type (Jolokia 2's
 * {@code NotificationHandler.checkForRestriction} is empty, 2.1.1 in Hawtio 4.2.0 as on Jolokia's main branch),
 * nor is any MBean checked when a listener is added. Hawtio's own pages send no notification requests, so the
 * console loses nothing for anyone; the operator, who may do everything, keeps them for scripts.
 *
 * <p>How: a Jolokia request handler (its service SPI, listed in {@code META-INF/jolokia/services} next to this
 * class) ordered before Jolokia's own {@code LocalRequestHandler} (1000). It claims a notification request of a
 * caller who is not the operator and throws {@link SecurityException}, which Jolokia answers with status 403 as it
 * does a restrictor's refusal. Every other request goes on to Jolokia. Like {@link RoleRestrictor} it uses
 * Jolokia's classes, so the war's class loader defines it.
 */
public class NotificationGuard extends AbstractRequestHandler {

    /** @param order from {@code META-INF/jolokia/services}: lower than Jolokia's LocalRequestHandler, so asked first */
    public NotificationGuard(int order) {
        super("quotaflow", order);
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        return request.getType() == RequestType.NOTIFICATION && !ConsoleAccessControl.callerMayUseNotifications();
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) {
        throw new SecurityException("notification requests are for the operator only");
    }
}
