package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The war is unpacked to a private temp folder for Jetty; closing the console removes all of it. */
class HawtioWarTest {

    @Test
    void closeRemovesTheWarAndEverythingJettyUnpackedNextToIt() throws Exception {
        HawtioWar war = HawtioWar.extract();
        Path base = war.warFile().getParent();
        assertThat(war.warFile()).isRegularFile();
        assertThat(war.webappClasses().resolve(HawtioWar.WEBAPP_CLASS.replace('.', '/') + ".class")).isRegularFile();
        // what Jetty leaves in its work folder while the console runs
        Files.writeString(Files.createDirectories(war.workDir().resolve("webapp/WEB-INF")).resolve("web.xml"), "<web-app/>");

        war.close();

        assertThat(base).doesNotExist();
        war.close(); // a second close (shutdown hook after a normal stop) is a no-op
    }
}
