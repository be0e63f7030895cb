package io.quotaflow.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The route edits shown in README.md, read from that file, so the walkthrough a user
 * follows is exactly what the tests apply.
 */
final class ReadmeExamples {

    static final String FETCH_ANCHOR = "            ref: outcomes\n            method: prepare\n";
    static final String JOB_ANCHOR = "                    - filter:\n                        simple: \"${body.valid}\"\n";
    /** The end of the seda:fetch step inside that filter: the body is the line's fetched outcome from here on. */
    static final String FETCHED_ANCHOR = "                                waitForTaskToComplete: Always\n"
            + "                                timeout: 0\n";

    private ReadmeExamples() {
    }

    /** The yaml block after {@code <!-- example: name}. */
    static String example(String name) {
        try {
            String doc = Files.readString(Path.of("README.md"));
            int at = doc.indexOf("<!-- example: " + name);
            int start = doc.indexOf("```yaml\n", at) + "```yaml\n".length();
            int end = doc.indexOf("```", start);
            if (at < 0 || end < 0) {
                throw new IllegalStateException("no example '" + name + "' in README.md");
            }
            return doc.substring(start, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fetch.yaml with the header example right after the outcomes.prepare step. */
    static String withHeader(String fetchYaml) {
        return insert(fetchYaml, FETCH_ANCHOR, FETCH_ANCHOR + example("header"));
    }

    /** job.yaml with the skip example right before the ${body.valid} filter. */
    static String withSkip(String jobYaml) {
        return insert(jobYaml, JOB_ANCHOR, example("skip") + JOB_ANCHOR);
    }

    /** job.yaml with the quote-step example right after the seda:fetch step, and {@code before} just before it. */
    static String withQuoteStep(String jobYaml, String before) {
        return insert(jobYaml, FETCHED_ANCHOR, FETCHED_ANCHOR + before + example("quote-step"));
    }

    /** job.yaml with {@code steps} of a test's own right after the seda:fetch step, where Example 3 goes. */
    static String withStepAfterFetch(String jobYaml, String steps) {
        return insert(jobYaml, FETCHED_ANCHOR, FETCHED_ANCHOR + steps);
    }

    private static String insert(String yaml, String anchor, String replacement) {
        if (!yaml.contains(anchor)) {
            throw new IllegalStateException("anchor not found in route file: " + anchor);
        }
        return yaml.replace(anchor, replacement);
    }
}
