package io.quotaflow.limit;

/** A consistent snapshot of one key's limiter state, for logs, JMX and metrics. */
public record KeyStats(
        String key,
        int limit,
        int sentInCurrentWindow,
        int reservedNotSent,
        int waitingForPermit,
        long sentTotal,
        int sentLastMinute,
        long rateLimitedResponses,
        long pausedForMillis) {
}
