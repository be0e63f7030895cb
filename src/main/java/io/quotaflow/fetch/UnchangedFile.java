package io.quotaflow.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A list file read only as long as it stays the file that was opened. An editor that saves in place (truncate,
 * then write) or a truncation changes the bytes under the open reader: it would read on at its old position into
 * the new text, giving lines of two lists under line numbers of neither (half a line can be a valid ticker), or
 * find the end early and let the job "complete" without the rest. So after every block read, the file's size and
 * modification time are compared with those at opening, and a difference fails the read. A file replaced by a
 * rename (another file key) or deleted is no change: the open file is still read whole, as it was.
 */
final class UnchangedFile extends FilterInputStream {

    private final Path path;
    private final BasicFileAttributes opened;

    private UnchangedFile(InputStream in, Path path, BasicFileAttributes opened) {
        super(in);
        this.path = path;
        this.opened = opened;
    }

    static InputStream open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return new UnchangedFile(in, path, Files.readAttributes(path, BasicFileAttributes.class));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        check();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        check(); // after the read: whatever it returned was on disk before this look
        return n;
    }

    private void check() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        // null keys (a file system without them) compare equal: then a rename reads as a change, which is safe
        if (!Objects.equals(now.fileKey(), opened.fileKey())) {
            return;
        }
        if (now.size() != opened.size() || !now.lastModifiedTime().equals(opened.lastModifiedTime())) {
            throw new IOException(path + " changed while the job read it (" + opened.size() + " bytes, modified "
                    + opened.lastModifiedTime() + "; now " + now.size() + " bytes, modified " + now.lastModifiedTime()
                    + "): its lines could mix two versions of the list, so the job stops. To change the list while a"
                    + " job runs, write a new file and rename it over the old one");
        }
    }
}
