package io.quotaflow.job;

import io.quotaflow.fetch.TickerItem;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The split's {@code onPrepare} (routes/job.yaml): keeps each line's {@link TickerItem} in a property as its
 * exchange is made, because the body is the user's to change. A step of the user's at split level (before or
 * after the filter on {@code ${body.valid}}, README "Editing a route") may replace the body with a string, JSON
 * bytes, ...; {@link ResultAggregation} then still knows which line it was and gives it its one outcome, instead of
 * failing the whole job for an exchange that names no line.
 */
public class SplitItem implements Processor {

    /** The line's item; {@link io.quotaflow.fetch.SkipTicker} replaces it with the skipped one. */
    public static final String PROPERTY = "quotaflowItem";

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof TickerItem item) {
            exchange.setProperty(PROPERTY, item);
        }
    }
}
