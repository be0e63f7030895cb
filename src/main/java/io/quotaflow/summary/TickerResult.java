package io.quotaflow.summary;

import java.math.BigDecimal;

/**
 * The one outcome every input line ends in: a row of results.csv and a term of the summary.
 *
 * @param reason   the failure category counted in the summary (e.g. "unknown symbol"), null when ok
 * @param error    the detail shown in results.csv (e.g. "HTTP 500 after 4 attempts"), null when ok
 */
public record TickerResult(long line, String ticker, Outcome outcome, BigDecimal price, Integer httpStatus,
                           int attempts, Long latencyMs, String reason, String error) {

    public enum Outcome { OK, FAILED, INVALID, DUPLICATE;

        public String label() {
            return name().toLowerCase();
        }
    }

    public static TickerResult ok(long line, String ticker, BigDecimal price, int status, int attempts, long latencyMs) {
        return new TickerResult(line, ticker, Outcome.OK, price, status, attempts, latencyMs, null, null);
    }

    public static TickerResult failed(long line, String ticker, Integer status, int attempts, Long latencyMs,
                                      String reason, String error) {
        return new TickerResult(line, ticker, Outcome.FAILED, null, status, attempts, latencyMs, reason, error);
    }
}
