package io.quotaflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An exception and its causes, outermost first, as every error message of quotaflow reads them: each exception
 * once and at most {@link #MAX}. A chain of causes can be made into a loop ({@code a -> b -> a}, with
 * {@code initCause}), which no check of one link sees; walked naively it hung the app's exit (and a live route
 * reload) on the error it was about to report.
 */
public final class Causes {

    /** More links than any real chain has; what is past them is not reported. */
    static final int MAX = 50;

    private Causes() {
    }

    /** {@code e} first, then its cause, its cause's cause, ...; empty for null. */
    public static List<Throwable> of(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && chain.size() < MAX && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The innermost of {@link #of}: what went wrong is often there; {@code e} itself when it has no cause. */
    public static Throwable root(Throwable e) {
        List<Throwable> chain = of(e);
        return chain.isEmpty() ? null : chain.get(chain.size() - 1);
    }
}
