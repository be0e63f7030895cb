package io.quotaflow.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes summary.json by write-then-rename, so a reader never sees half a summary, and forces it to the disk
 * before the rename, so a power loss leaves the old file or the whole new one; reads one back.
 */
public final class SummaryFiles {

    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // a summary.json written by a newer quotaflow, with a field this one does not know, still reads
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryFiles() {
    }

    public static void write(Path dir, Summary summary) {
        Path tmp = dir.resolve(SUMMARY + ".tmp");
        try {
            // forced before the rename: the rename may reach the disk before the data of a file not yet written out
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(summary));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(false);
            }
            Files.move(tmp, dir.resolve(SUMMARY), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(SUMMARY), e);
        }
    }

    /**
     * A summary.json as written by {@link #write}.
     *
     * @throws IOException when the file cannot be read, is no JSON, or is no summary (no {@code status})
     */
    public static Summary read(Path file) throws IOException {
        Summary summary = JSON.readValue(file.toFile(), Summary.class);
        if (summary == null || summary.status() == null) {
            throw new IOException("no \"status\": not a quotaflow summary.json");
        }
        return summary;
    }

    /** The summary as the readable block logged at the end of a job. */
    public static String block(Summary s) {
        StringBuilder b = new StringBuilder("Job ").append(s.status()).append('\n');
        line(b, "tickers", s.total() + " valid: " + s.succeeded() + " ok, " + s.failed() + " failed; "
                + s.invalid() + " invalid lines, " + s.duplicates() + " duplicates");
        line(b, "price", s.averagePrice() == null ? "no prices"
                : "avg " + s.averagePrice().toPlainString() + ", min " + s.minPrice().toPlainString()
                + ", max " + s.maxPrice().toPlainString());
        if (!s.failures().isEmpty()) {
            line(b, "failures", String.join(", ", s.failures().entrySet().stream()
                    .map((Map.Entry<String, Long> e) -> e.getKey() + " " + e.getValue()).toList()));
        }
        line(b, "requests", s.requests() + " HTTP attempts, " + s.rateLimited() + " rate limited (429)");
        line(b, "time", String.format("%.3f s (ideal %.3f s%s) at %s with %d key(s)", s.elapsedSeconds(),
                s.idealSeconds(), s.efficiency() == null ? "" : ", efficiency " + s.efficiency(), s.limit(), s.keys()));
        line(b, "latency", s.latencyMs() == null ? "none (no attempt was answered)" : "p50 " + s.latencyMs().p50()
                + " ms, p95 " + s.latencyMs().p95() + " ms, p99 " + s.latencyMs().p99() + " ms, max " + s.latencyMs().max() + " ms");
        line(b, "window", s.startedAt() + " .. " + s.finishedAt());
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format("  %-9s %s%n", label, text));
    }
}
