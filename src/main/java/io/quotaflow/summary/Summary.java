package io.quotaflow.summary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.Map;

/** summary.json: the one record of a job that people read and scripts parse. Field order is stable. */
@JsonPropertyOrder({"status", "total", "succeeded", "failed", "invalid", "duplicates", "averagePrice", "minPrice",
        "maxPrice", "failures", "requests", "rateLimited", "elapsedSeconds", "idealSeconds", "efficiency",
        "latencyMs", "keys", "limit", "startedAt", "finishedAt"})
public record Summary(
        String status,
        long total,
        long succeeded,
        long failed,
        long invalid,
        long duplicates,
        BigDecimal averagePrice,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        Map<String, Long> failures,
        long requests,
        long rateLimited,
        double elapsedSeconds,
        double idealSeconds,
        Double efficiency,
        Latency latencyMs,
        int keys,
        String limit,
        String startedAt,
        String finishedAt) {

    /** Round-trip time of HTTP attempts, from the moment the request was written to the response. */
    public record Latency(long p50, long p95, long p99, long max) {
    }
}
