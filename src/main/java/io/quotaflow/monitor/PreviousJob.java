package io.quotaflow.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quotaflow.job.Jobs;
import io.quotaflow.summary.Summary;
import io.quotaflow.summary.SummaryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last job an earlier process completed, read from {@code <output-dir>/latest/summary.json} when a service
 * starts, so the last-job view is not empty until this process finishes a job (with a 06:00 schedule, a
 * restart at 09:00 showed nothing for 21 hours).
 *
 * <p>Read once and only read: the file stays as it is. A missing file is the normal first start; one that cannot
 * be read or parsed is worth a WARN naming it, never a failed start (what an operator watches must not take the
 * service down).
 *
 * @param summary its figures, as that process wrote them
 * @param file where the figures were read from, shown with them so nobody takes them for this process's job
 */
record PreviousJob(Summary summary, Path file) {

    private static final Logger LOG = LoggerFactory.getLogger(PreviousJob.class);

    static Optional<PreviousJob> read(Path outputDir) {
        Path file = Jobs.latestSummary(outputDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            PreviousJob previous = new PreviousJob(SummaryFiles.read(file), file);
            LOG.info("Last job before this start: {} at {}, read from {}", previous.summary().status(),
                    previous.summary().finishedAt(), file);
            return Optional.of(previous);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read {} ({}): the last-job view stays empty until this process finishes a job", file,
                    why(e));
            return Optional.empty();
        }
    }

    /** Jackson's own message without its source excerpt; for anything else the message or the type. */
    private static String why(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage() + (j.getLocation() == null ? ""
                    : " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
