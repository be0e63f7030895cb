package io.quotaflow.console;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.AccessController;
import javax.security.auth.Subject;

/**
 * The Subject the calling code runs as (set by {@code Subject.doAs} / {@code Subject.callAs}), on every
 * Java this app runs on. {@code Subject.getSubject(AccessController.getContext())} is the only way on
 * Java 17, but from Java 24 on (the Security Manager removed, JEP 486) it throws
 * {@code UnsupportedOperationException}; {@code Subject.current()} (Java 18+) works there, and also sees a
 * Subject set with {@code doAs}. We build for Java 17, so it is looked up at run time.
 */
final class CallerSubject {

    /** {@code Subject.current()}, or null on Java 17. */
    private static final MethodHandle CURRENT = current();

    private CallerSubject() {
    }

    /** The caller's Subject, or null when the code does not run as one. */
    @SuppressWarnings("removal") // the Java 17 path; never taken where Subject.current() exists
    static Subject get() {
        if (CURRENT == null) {
            return Subject.getSubject(AccessController.getContext());
        }
        try {
            return (Subject) CURRENT.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Subject.current() failed", e);
        }
    }

    private static MethodHandle current() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
