package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivilegedAction;
import javax.security.auth.Subject;
import org.eclipse.jetty.security.jaas.JAASRole;
import org.eclipse.jetty.security.jaas.JAASUserPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RBAC answer Hawtio's Jolokia restrictor asks for, decided from the caller's Subject as Hawtio's
 * login sets it ({@code Subject.doAs}). On Java 24 and later {@code Subject.getSubject} throws, so this
 * is the test that tells whether the console's roles work on the Java it runs on.
 */
class ConsoleAccessControlTest {

    private static final String ROUTE = "org.apache.camel:context=quotaflow,type=routes,name=\"call-api\"";

    private ConsoleAccessControl access;

    @BeforeEach
    void register() {
        access = ConsoleAccessControl.register();
    }

    @AfterEach
    void unregister() {
        access.unregister();
    }

    private static Subject signedIn(ConsoleRole role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new JAASUserPrincipal(role.roleName() + "-user", subject, null));
        subject.getPrincipals().add(new JAASRole(role.roleName()));
        return subject;
    }

    @SuppressWarnings("removal") // Subject.doAs is how Hawtio's AuthenticationFilter runs a Jolokia request
    private static boolean as(Subject subject, PrivilegedAction<Boolean> check) {
        return Subject.doAs(subject, check);
    }

    @Test
    void theOperatorMayDoEverything() {
        Subject operator = signedIn(ConsoleRole.OPERATOR);
        assertThat(as(operator, () -> access.canInvoke(ROUTE, "stop"))).isTrue();
        assertThat(as(operator, () -> access.canInvoke(ROUTE, "getExchangesCompleted"))).isTrue();
    }

    @Test
    void theViewerMayOnlyRead() {
        Subject viewer = signedIn(ConsoleRole.VIEWER);
        assertThat(as(viewer, () -> access.canInvoke(ROUTE, "getExchangesCompleted"))).isTrue();
        assertThat(as(viewer, () -> access.canInvoke(ROUTE, "stop"))).isFalse();
        assertThat(as(viewer, () -> access.canInvoke("io.quotaflow:type=limiter,key=key1", "setLimit", new String[] {"int"})))
                .isFalse();
    }

    @Test
    void noOneMayRunWhatRevealsTheJvmsCommandLineOrMemory() {
        Subject operator = signedIn(ConsoleRole.OPERATOR);
        assertThat(as(operator, () -> access.canInvoke("com.sun.management:type=DiagnosticCommand", "vmSystemProperties")))
                .isFalse();
        assertThat(as(operator, () -> access.canInvoke("com.sun.management:type=HotSpotDiagnostic", "dumpHeap",
                new String[] {"java.lang.String", "boolean"}))).isFalse();
        assertThat(as(operator, () -> access.canInvoke("jdk.management.jfr:type=FlightRecorder", "startRecording"))).isFalse();
        assertThat(as(operator, () -> access.canInvoke("org.apache.camel:context=quotaflow,type=context,name=\"quotaflow\"",
                "requestBody", new String[] {"java.lang.String", "java.lang.Object"}))).isFalse();
        // the rest of those MBeans' neighbours stays the operator's
        assertThat(as(operator, () -> access.canInvoke("org.apache.camel:context=quotaflow,type=context,name=\"quotaflow\"",
                "startAllRoutes"))).isTrue();
        assertThat(as(operator, () -> access.canInvoke("com.sun.management:type=HotSpotDiagnostic", "getVMOption"))).isTrue();
        assertThat(as(operator, () -> access.canInvoke("java.lang:type=Memory", "gc"))).isTrue();
    }

    @Test
    void withoutASignedInCallerNothingIsAllowed() {
        assertThat(access.canInvoke(ROUTE, "getExchangesCompleted")).isFalse();
        Subject stranger = new Subject();
        stranger.getPrincipals().add(new JAASRole("admin"));
        assertThat(as(stranger, () -> access.canInvoke(ROUTE, "getExchangesCompleted"))).isFalse();
    }
}
