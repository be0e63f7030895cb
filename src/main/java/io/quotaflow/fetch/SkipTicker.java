package io.quotaflow.fetch;

/**
 * For route filters that leave some tickers out (see docs/readme-schedule.md): the line is not
 * sent, and it still ends in exactly one outcome - it is reported like an invalid line, with the
 * reason "skipped by a route filter" - so the summary still accounts for every line.
 */
public class SkipTicker {

    public static final String REASON = "skipped by a route filter";

    public TickerItem skip(TickerItem item) {
        return item.isValid() ? new TickerItem(item.line(), item.ticker(), TickerItem.Status.INVALID, REASON) : item;
    }
}
