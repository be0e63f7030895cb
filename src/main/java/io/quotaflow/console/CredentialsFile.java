package io.quotaflow.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file that keeps a generated operator password between runs, readable by the owner only.
 *
 * <p>Why a file and why in plain text: the console must work on first start without a default password, and the
 * operator must be able to look the password up later. The file holds exactly what the operator needs to log in,
 * so it is protected the way {@code ~/.ssh} keys and {@code ~/.pgpass} are: POSIX mode 600 in a 700 directory
 * (every missing directory of the path is created 700, the default's and a configured one alike; one that exists
 * is the operator's and keeps its mode).
 * No hashing is done here on purpose: a hash would not let the operator read the password back, and Jetty's
 * {@code Password} credential does the (constant-time) comparison at login.
 *
 * <p>The file is written to a temp file created with mode 600 from the start (never world-readable, not even
 * briefly) and then moved into place without replacing: if another process won the race, its file is kept.
 */
final class CredentialsFile {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsFile.class);

    static final String USERNAME_KEY = "username";
    static final String PASSWORD_KEY = "password";
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** 24 random bytes = 192 bits, printed as 32 URL-safe Base64 characters (easy to copy, no shell quoting). */
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;

    CredentialsFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** The stored account, if the file exists and has both keys; tightens loose permissions on the way. */
    Optional<ConsoleAccount> read() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        tightenIfLoose();
        warnIfFolderIsWritableByOthers();
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console credentials file " + path, e);
        }
        String user = props.getProperty(USERNAME_KEY);
        String pass = props.getProperty(PASSWORD_KEY);
        if (user == null || user.isBlank() || pass == null || pass.isEmpty()) {
            throw new IllegalStateException("console credentials file " + path + " must contain '" + USERNAME_KEY
                    + "' and '" + PASSWORD_KEY + "'; fix or delete it to generate a new password");
        }
        return Optional.of(new ConsoleAccount(user.trim(), pass, ConsoleRole.OPERATOR));
    }

    /**
     * Generates a password for {@code username} and stores it; returns whatever account the file holds afterwards
     * (ours, or the one a concurrent start wrote first) and whether it is the one generated here.
     */
    Created createWithGeneratedPassword(String username) {
        try {
            Path dir = path.getParent();
            createOwnerOnlyDirectories(dir);
            Path tmp = createOwnerOnlyTempFile(dir);
            try {
                Properties props = new Properties();
                props.setProperty(USERNAME_KEY, username);
                props.setProperty(PASSWORD_KEY, generatePassword());
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    props.store(out, "quotaflow console login (operator role). Keep this file private.");
                }
                Files.move(tmp, path); // no REPLACE_EXISTING: a password that was already handed out stays valid
                LOG.info("Generated a console password for user '{}' and stored it in {}", username, path);
                return new Created(read().orElseThrow(), true);
            } catch (FileAlreadyExistsException raced) {
                return new Created(read().orElseThrow(), false);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write console credentials file " + path, e);
        }
    }

    record Created(ConsoleAccount account, boolean generatedNow) {
    }

    static String generatePassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void tightenIfLoose() {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: rely on the user's profile directory ACLs
        }
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (!OWNER_ONLY_FILE.containsAll(perms)) {
                LOG.warn("Console credentials file {} was readable by others ({}); setting it to owner-only (600)",
                        path, PosixFilePermissions.toString(perms));
                view.setPermissions(OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check permissions of " + path, e);
        }
    }

    /**
     * A folder others may write to lets them replace the file, and so choose the operator's password: said, not
     * changed (the folder is the operator's, as {@code /tmp} or a shared team folder may be on purpose).
     */
    private void warnIfFolderIsWritableByOthers() {
        Path dir = path.getParent();
        if (!supportsPosix(dir)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                LOG.warn("Console credentials file {} is in a folder others can write to ({}): they could replace it"
                        + " and set the operator's password; keep it in a folder only you can write to",
                        path, PosixFilePermissions.toString(perms));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check permissions of " + dir, e);
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (supportsPosix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
        if (supportsPosix(dir)) {
            return Files.createTempFile(dir, ".console-credentials", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        }
        return Files.createTempFile(dir, ".console-credentials", ".tmp");
    }

    private static boolean supportsPosix(Path anyPath) {
        return anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
