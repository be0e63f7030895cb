package io.quotaflow.reliability;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Small helpers for the reliability tests: generated ticker lists and results.csv rows. */
final class Tickers {

    private Tickers() {
    }

    /** n distinct valid symbols: T0001, T0002, ... */
    static List<String> generated(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(String.format("T%04d", i));
        }
        return list;
    }

    /** The rows of results.csv (header parsed). */
    static List<CSVRecord> rows(Path dir) {
        try (Reader in = Files.newBufferedReader(dir.resolve("results.csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
