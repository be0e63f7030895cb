package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The war is unpacked to a private temp folder for Jetty; closing the console removes all of it. */
class HawtioWarTest {

    @Test
    void closeRemovesTheWarAndEverythingJettyUnpackedNextToIt() throws Exception {
        HawtioWar war = HawtioWar.extract();
        Path base = war.warFile().getParent();
        assertThat(war.warFile()).isRegularFile();
        assertThat(war.webappClasses().resolve(HawtioWar.classFile(HawtioWar.ROLE_RESTRICTOR))).isRegularFile();
        assertThat(war.webappClasses().resolve(HawtioWar.classFile(HawtioWar.NOTIFICATION_GUARD))).isRegularFile();
        assertThat(war.webappClasses().resolve(HawtioWar.JOLOKIA_SERVICES)).content().contains(HawtioWar.NOTIFICATION_GUARD);
        // what Jetty leaves in its work folder while the console runs
        Files.writeString(Files.createDirectories(war.workDir().resolve("webapp/WEB-INF")).resolve("web.xml"), "<web-app/>");

        war.close();

        assertThat(base).doesNotExist();
        war.close(); // a second close (ConsoleServer.close() is safe to call more than once) is a no-op
    }

    /**
     * close() runs in ConsoleServer.close()'s finally, before the JAAS configuration, Hawtio's system properties
     * and the access-control MBean are undone: a temp file it cannot delete must not throw past them (the old
     * hand-written walk ignored such a file; PathUtils throws).
     */
    @Test
    void aFileThatCannotBeDeletedIsAWarningNotAFailedClose() throws Exception {
        HawtioWar war = HawtioWar.extract();
        Path stuck = Files.writeString(war.workDir().resolve("stuck"), "x");
        // even root cannot delete an immutable file; where chattr is missing or not allowed the test cannot run
        boolean immutable = chattr("+i", stuck);
        try {
            Assumptions.assumeTrue(immutable, "chattr +i not available here");
            try (LogLines log = new LogLines()) {
                war.close();
                assertThat(log.text()).contains("WARN HawtioWar - Could not delete the console's temp folder "
                        + war.warFile().getParent());
            }
        } finally {
            chattr("-i", stuck);
            war.close();
        }
        assertThat(war.warFile().getParent()).doesNotExist();
    }

    private static boolean chattr(String flag, Path file) throws Exception {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
