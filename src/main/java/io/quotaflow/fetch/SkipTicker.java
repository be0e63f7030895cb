package io.quotaflow.fetch;

import io.quotaflow.job.SplitItem;
import org.apache.camel.Exchange;

/**
 * For route filters that leave some tickers out (README, "Editing a route", Example 2): the line is not
 * sent, and it still ends in exactly one outcome - it is reported like an invalid line, with the
 * reason "skipped by a route filter" - so the summary still accounts for every line.
 */
public class SkipTicker {

    public static final String REASON = "skipped by a route filter";

    public TickerItem skip(TickerItem item, Exchange exchange) {
        TickerItem skipped = item.isValid() ? new TickerItem(item.line(), item.ticker(), TickerItem.Status.INVALID, REASON)
                : item;
        // also the item the split kept aside: a later step of the user's may replace the body, and the line must
        // still read as skipped, not as a valid line that was never sent
        exchange.setProperty(SplitItem.PROPERTY, skipped);
        return skipped;
    }
}
