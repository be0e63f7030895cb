package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.quotaflow.support.LogLines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may log in: configured accounts, or a generated operator password kept in an owner-only file. */
class ConsoleCredentialsTest {

    @TempDir
    Path home;

    private ConsoleSettings settings() {
        return ConsoleSettings.defaults().withCredentialsFile(home.resolve("q/console-credentials.properties"));
    }

    @Test
    void firstStartGeneratesStrongPasswordLaterStartsReuseIt() throws Exception {
        ConsoleAccounts first = ConsoleAccounts.resolve(settings());
        ConsoleAccount generated = first.generatedOperator();
        assertThat(generated).isNotNull();
        assertThat(generated.username()).isEqualTo(ConsoleSettings.DEFAULT_USERNAME);
        assertThat(generated.password()).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(generated.role()).isEqualTo(ConsoleRole.OPERATOR);

        Path file = settings().credentialsFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(generated.password());

        ConsoleAccounts second = ConsoleAccounts.resolve(settings());
        assertThat(second.generatedOperator()).as("not generated again, so not printed again").isNull();
        assertThat(second.accounts()).containsExactly(generated);
    }

    /**
     * A user id with no account (docker run --user 1234) has no home: Java's user.home is "?", and the default
     * file would be ./?/.quotaflow/... in the working folder, a password kept where nobody looks for it (or, in
     * a read-only folder, "cannot write console credentials file /app/?/..."). Said instead, with what to set.
     */
    @Test
    void withoutAHomeFolderNoPasswordIsGeneratedAndTheMessageSaysWhatToSet() throws IOException {
        String home = System.getProperty("user.home");
        Path stray = Path.of("?").toAbsolutePath();
        Assumptions.assumeFalse(Files.exists(stray), stray + " exists already");
        System.setProperty("user.home", "?");
        try {
            assertThatThrownBy(() -> ConsoleAccounts.resolve(ConsoleSettings.defaults()))
                    .hasMessageContaining("no home folder")
                    .hasMessageContaining("quotaflow.console.password")
                    .hasMessageContaining("quotaflow.console.credentialsFile");
            assertThat(stray).as("no folder named ? in the working folder").doesNotExist();
            // a password set, or a file named, needs no home
            assertThat(ConsoleAccounts.resolve(ConsoleSettings.defaults().withOperator("operator", "s3cret-enough"))
                    .accounts()).hasSize(1);
            assertThat(ConsoleAccounts.resolve(settings()).generatedOperator()).isNotNull();
        } finally {
            System.setProperty("user.home", home);
            if (Files.exists(stray)) {
                try (var files = Files.walk(stray)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void aUsernameChangedAfterThePasswordWasGeneratedIsNamedInAWarning() {
        ConsoleAccount generated = ConsoleAccounts.resolve(settings()).generatedOperator();
        ConsoleSettings renamed = settings().withOperator("admin", null);
        try (LogLines log = new LogLines()) {
            ConsoleAccounts later = ConsoleAccounts.resolve(renamed);
            assertThat(later.accounts()).as("the stored account still logs in").containsExactly(generated);
            assertThat(log.text()).contains("WARN ConsoleAccounts - The console credentials file "
                    + renamed.credentialsFile() + " holds user 'operator', so quotaflow.console.username 'admin' is not used")
                    .doesNotContain(generated.password());
        }
    }

    @Test
    void eachGeneratedPasswordIsDifferent() {
        assertThat(CredentialsFile.generatePassword()).isNotEqualTo(CredentialsFile.generatePassword());
    }

    @Test
    void configuredPasswordWinsAndNoFileIsWritten() {
        ConsoleAccounts accounts = ConsoleAccounts.resolve(settings().withOperator("ops", "configured-secret")
                .withViewer("eyes", "viewer-secret"));
        assertThat(accounts.generatedOperator()).isNull();
        assertThat(accounts.accounts()).containsExactly(
                new ConsoleAccount("ops", "configured-secret", ConsoleRole.OPERATOR),
                new ConsoleAccount("eyes", "viewer-secret", ConsoleRole.VIEWER));
        assertThat(settings().credentialsFile()).doesNotExist();
    }

    @Test
    void looseFilePermissionsAreTightened() throws Exception {
        ConsoleAccounts.resolve(settings());
        Path file = settings().credentialsFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConsoleAccounts.resolve(settings());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    /**
     * A credentialsFile set to a folder that does not exist yet: every folder quotaflow makes on the way is owner-only
     * (700), as ~/.quotaflow is for the default path (the same code makes both).
     */
    @Test
    void missingFoldersOfACustomPathAreMadeOwnerOnly() throws Exception {
        assumePosix();
        Path file = home.resolve("etc/quotaflow/console-credentials.properties");
        ConsoleAccounts.resolve(ConsoleSettings.defaults().withCredentialsFile(file));
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file.getParent().getParent())).isEqualTo("rwx------");
    }

    /** A folder that exists is the operator's: its mode is left as it is; the file in it is still owner-only. */
    @Test
    void anExistingFolderKeepsItsMode() throws Exception {
        assumePosix();
        Path shared = Files.createDirectory(home.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = shared.resolve("console-credentials.properties");
        ConsoleAccounts.resolve(ConsoleSettings.defaults().withCredentialsFile(file));
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
    }

    /** A folder others can write to (they could swap the file, and so the password): a WARN, the folder left as it is. */
    @Test
    void aFolderOthersCanWriteToIsNamedInAWarning() throws Exception {
        assumePosix();
        Path shared = Files.createDirectory(home.resolve("team"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path file = shared.resolve("console-credentials.properties");
        ConsoleSettings settings = ConsoleSettings.defaults().withCredentialsFile(file);
        ConsoleAccount generated = ConsoleAccounts.resolve(settings).generatedOperator();
        try (LogLines log = new LogLines()) {
            ConsoleAccounts.resolve(settings);
            assertThat(log.text()).contains("WARN CredentialsFile - Console credentials file " + file
                    + " is in a folder others can write to (rwxrwxr-x)").doesNotContain(generated.password());
        }
        assertThat(mode(shared)).isEqualTo("rwxrwxr-x");

        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LogLines log = new LogLines()) {
            ConsoleAccounts.resolve(settings);
            assertThat(log.text()).doesNotContain("others can write to");
        }
    }

    private void assumePosix() {
        Assumptions.assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not a POSIX file system: folder and file modes are not checked");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void secretsStayOutOfToString() {
        ConsoleSettings s = settings().withOperator("ops", "op-secret").withViewer("eyes", "viewer-secret");
        assertThat(s.toString()).doesNotContain("op-secret").doesNotContain("viewer-secret");
        assertThat(new ConsoleAccount("ops", "op-secret", ConsoleRole.OPERATOR).toString()).doesNotContain("op-secret");
        assertThat(new MaskedPassword("op-secret").toString()).doesNotContain("op-secret");
        assertThat(new MaskedPassword("op-secret").check("op-secret".toCharArray())).isTrue();
        assertThat(new MaskedPassword("op-secret").check("op-secreT".toCharArray())).isFalse();
    }

    @Test
    void settingsFromProperties() {
        // QUOTAFLOW_CONSOLE_VIEWERPASSWORD and the like reach these keys through Camel's properties, as every
        // setting does (MonitoringServiceTest starts the service with it in the environment)
        Map<String, String> props = Map.of("quotaflow.console.port", "9191", "quotaflow.console.username", "ops",
                "quotaflow.console.password", "from-props", "quotaflow.console.viewerPassword", "v");
        ConsoleSettings s = ConsoleSettings.fromProperties(props::get);
        assertThat(s.port()).isEqualTo(9191);
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.username()).isEqualTo("ops");
        assertThat(s.password()).isEqualTo("from-props");
        assertThat(s.viewerPassword()).isEqualTo("v");
        assertThat(s.enabled()).isTrue();
        assertThat(s.credentialsFile()).isEqualTo(ConsoleSettings.defaultCredentialsFile());
    }

    @Test
    void viewerNeedsItsOwnName() {
        assertThatThrownBy(() -> ConsoleSettings.defaults().withOperator("same", "a").withViewer("same", "b"))
                .isInstanceOf(io.quotaflow.config.ConfigException.class)
                .hasMessageStartingWith("quotaflow.console.viewerUsername: ");
    }
}
