package io.quotaflow.job;

import java.util.OptionalInt;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaConsumer;

/**
 * How many consumers fetch the tickers: the threads of the route(s) consuming {@code seda:fetch}, as Camel runs
 * them (a SedaConsumer starts its endpoint's {@code concurrentConsumers} threads). Asked at every job start,
 * not taken from {@code quotaflow.consumers}: fetch.yaml sets it through {{quotaflow.consumers}}, but a route
 * edit may write a number there, and the start line then told the setting while another number fetched.
 * A route stopped in the console counts with the consumers it runs when started again (the job waits for it).
 */
final class FetchConsumers {

    /** The queue job.yaml hands each valid ticker to. */
    static final String QUEUE = "fetch";

    private FetchConsumers() {
    }

    /** The consumers of seda:fetch, summed over the routes consuming it; empty when no route does. */
    static OptionalInt of(CamelContext context) {
        int threads = 0;
        boolean found = false;
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof SedaConsumer seda && QUEUE.equals(seda.getEndpoint().getName())) {
                threads += seda.getEndpoint().getConcurrentConsumers();
                found = true;
            }
        }
        return found ? OptionalInt.of(threads) : OptionalInt.empty();
    }
}
