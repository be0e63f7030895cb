package io.quotaflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether this JVM still holds a file open, read from Linux's /proc/self/fd. A service runs a job after another for
 * months: a handle left open per job is a leak that ends in "Too many open files", and keeps the disk space of a
 * pruned job folder in use.
 */
public final class OpenFiles {

    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    /** True where this can be checked (Linux). */
    public static boolean visible() {
        return Files.isDirectory(FDS);
    }

    public static boolean isOpen(Path file) throws IOException {
        Path real = file.toAbsolutePath().normalize();
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed in the meantime
                }
            });
        }
    }
}
