package io.quotaflow.simulator;

/**
 * One request as the simulator saw it.
 *
 * @param keyLabel {@code key1}, {@code key2}, … in order of first appearance, or {@value #UNAUTHORIZED} for a
 *                 missing or rejected key; never the key itself, because stats end up in logs and reports
 * @param nanos    {@link System#nanoTime()} at the server after inbound jitter: the instant the window counted
 * @param symbol   the {@code symbol} parameter as sent (empty if absent)
 * @param status   HTTP status sent, or {@value #NO_RESPONSE} when the connection was reset instead
 */
public record Arrival(String keyLabel, long nanos, String symbol, int status) {

    public static final String UNAUTHORIZED = "unauthorized";
    public static final int NO_RESPONSE = 0;
}
