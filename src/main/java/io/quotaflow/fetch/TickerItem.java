package io.quotaflow.fetch;

/**
 * One line of the ticker list after parsing. Only {@link Status#VALID} items are ever sent; the
 * others are reported as they are, with their line number and reason.
 */
public record TickerItem(long line, String ticker, Status status, String reason) {

    public enum Status { VALID, INVALID, DUPLICATE }

    public static TickerItem of(long line, String ticker) {
        return new TickerItem(line, ticker, Status.VALID, null);
    }

    public boolean isValid() {
        return status == Status.VALID;
    }
}
