package io.quotaflow.job;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;

/**
 * The HTTP connections (one per consumer) and the split's places ({@link SplitPool}) that the
 * consumers of seda:fetch send through. Both are made from quotaflow.consumers at start-up, but fetch.yaml may
 * give seda:fetch a number of its own while the service runs (a route edit): sized only once, the consumers past
 * the setting waited for a connection or a split thread, so that number never fetched at once. Sized again at
 * each job start to the larger of the two, and back when the edit is undone.
 */
final class FetchPools {

    /** The split's executor in the registry (job.yaml's {@code executorService}). */
    static final String SPLIT_POOL = "splitPool";

    private int size;

    /** @param size the consumers the pools were made for at start-up (quotaflow.consumers) */
    FetchPools(int size) {
        this.size = size;
    }

    /**
     * Sizes the pools for {@code consumers}.
     *
     * @return true when that changed their size
     */
    synchronized boolean size(CamelContext context, int consumers) {
        for (String scheme : new String[] {"http", "https"}) {
            Component component = context.hasComponent(scheme);
            if (component instanceof HttpComponent http) {
                // an endpoint made from now on (a route edit with another URI) gets a pool of this size
                http.setMaxTotalConnections(consumers);
                http.setConnectionsPerRoute(consumers);
            }
        }
        // each http:// endpoint has its own pool unless the component was given a shared one: resize them all
        Set<HttpClientConnectionManager> pools = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof HttpEndpoint http && http.getClientConnectionManager() != null) {
                pools.add(http.getClientConnectionManager());
            }
            if (endpoint.getComponent() instanceof HttpComponent http && http.getClientConnectionManager() != null) {
                pools.add(http.getClientConnectionManager());
            }
        }
        for (HttpClientConnectionManager pool : pools) {
            if (pool instanceof PoolingHttpClientConnectionManager pooling) {
                pooling.setMaxTotal(consumers);
                pooling.setDefaultMaxPerRoute(consumers);
            }
        }
        SplitPool split = context.getRegistry().lookupByNameAndType(SPLIT_POOL, SplitPool.class);
        if (split != null) {
            split.resize(consumers);
        }
        boolean changed = consumers != size;
        size = consumers;
        return changed;
    }
}
