package io.quotaflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quotaflow.fetch.SkipTicker;
import io.quotaflow.summary.Summary;
import io.quotaflow.support.LogLines;
import io.quotaflow.support.ServiceTestSupport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Route files edited while the service runs (a copy of routes/ in the test folder): a saved edit
 * changes the next job; an edit during a job waits for it to end; a broken edit is reported with
 * its file and line while the previous route keeps working, and fixing the file applies the fix.
 */
class LiveRouteEditTest extends ServiceTestSupport {

    private static final List<String> TICKERS = List.of("AAA", "BBB", "CCC.TEST", "DDD", "EEE.TEST", "FFF", "GGG", "HHH");

    private final LogLines log = new LogLines();

    @Override
    protected void serviceSettings(Map<String, String> s) {
        // 8 tickers at 3 per second: about 2 s, so an edit can land while a job runs
        s.put("quotaflow.rate.requests", "3");
        s.put("quotaflow.rate.period", "1s");
        s.put("quotaflow.simulator.unknown-rate", "0");
        s.put("quotaflow.tickers", writeTickers("tickers.txt", TICKERS).toString());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theSkipExampleAppliesAtTheNextJob() throws Exception {
        Summary before = triggerJob();
        assertThat(before.succeeded()).isEqualTo(8);
        assertThat(answered("CCC.TEST")).isEqualTo(1);

        writeRoute("job.yaml", ReadmeExamples.withSkip(readRoute("job.yaml")));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml applied") == 1);

        Summary after = triggerJob();
        assertThat(after.succeeded()).isEqualTo(6);
        assertThat(after.invalid()).isEqualTo(2);
        assertThat(answered("CCC.TEST")).as("not sent again").isEqualTo(1);
        assertThat(answered("EEE.TEST")).isEqualTo(1);
        assertThat(answered("AAA")).isEqualTo(2);
        List<String> latest = Files.readAllLines(outputDir().resolve("latest").resolve("results.csv"));
        assertThat(latest).hasSize(9);
        assertThat(latest.stream().filter(l -> l.contains(SkipTicker.REASON))).hasSize(2)
                .allMatch(l -> l.contains(".TEST"));
    }

    @Test
    void anEditSavedDuringAJobAppliesWhenItEnds() {
        triggerJob();

        template.sendBodyAndHeader("direct:trigger-job", null, "quotaflowTrigger", "manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().current() != null);
        var running = jobs().current();
        writeRoute("job.yaml", ReadmeExamples.withSkip(readRoute("job.yaml")));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml changed while a job runs") == 1);
        assertThat(running.state().name()).as("the edit was seen while the job ran").isEqualTo("RUNNING");

        await().atMost(Duration.ofSeconds(30)).until(() -> jobs().last() == running && gate().busySince() == null);
        Summary during = running.summary();
        assertThat(during.succeeded()).as("the running job kept its routes: every ticker fetched once").isEqualTo(8);
        assertThat(during.invalid()).isZero();
        assertThat(TICKERS).allMatch(t -> answered(t) == 2, "answered once in each of the two jobs");
        assertThat(log.count("job.yaml applied")).as("applied when the job ended").isEqualTo(1);

        Summary next = triggerJob();
        assertThat(next.succeeded()).isEqualTo(6);
        assertThat(next.invalid()).isEqualTo(2);
    }

    @Test
    void aBrokenEditKeepsTheOldRouteAndFixingItApplies() {
        String good = readRoute("job.yaml");
        // a quote left open: the YAML does not parse
        writeRoute("job.yaml", good.replace("simple: \"${body.valid}\"", "simple: \"${body.valid}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml NOT applied") == 1);
        String report = log.text().lines().filter(l -> l.contains("NOT applied")).findFirst().orElseThrow();
        assertThat(report).contains("previous routes keep running").containsPattern("line \\d+");

        assertThat(context.getRouteController().getRouteStatus("quote-job")).isEqualTo(ServiceStatus.Started);
        Summary still = triggerJob();
        assertThat(still.succeeded()).as("the previous job route still runs").isEqualTo(8);

        // a misspelled step: valid YAML, but not a Camel route
        writeRoute("job.yaml", good.replace("- split:", "- splitt:"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml NOT applied") == 2);
        assertThat(context.getRouteController().getRouteStatus("quote-job")).isEqualTo(ServiceStatus.Started);
        assertThat(triggerJob().succeeded()).isEqualTo(8);

        // valid YAML and a valid route, but a bean that does not exist: only starting it tells
        writeRoute("job.yaml", good.replace("ref: jobs\n                  method: begin", "ref: jobz\n                  method: begin"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml NOT applied, could not be started") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("Previous version of") == 1);
        assertThat(log.text()).contains("jobz");
        assertThat(context.getRouteController().getRouteStatus("quote-job")).isEqualTo(ServiceStatus.Started);
        assertThat(triggerJob().succeeded()).isEqualTo(8);

        writeRoute("job.yaml", ReadmeExamples.withSkip(good));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml applied") == 1);
        Summary fixed = triggerJob();
        assertThat(fixed.succeeded()).isEqualTo(6);
        assertThat(fixed.invalid()).isEqualTo(2);
    }

    @Test
    void aFileThatCouldNotBeStartedAndIsLeftOnDiskIsNotRetriedByTheNextEditOfAnotherFile() {
        String good = readRoute("job.yaml");
        writeRoute("job.yaml", good.replace("ref: jobs\n                  method: begin", "ref: jobz\n                  method: begin"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("Previous version of") == 1);

        // the user leaves job.yaml as it is for now and edits another file
        writeRoute("progress.yaml", readRoute("progress.yaml") + "# edited\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml applied") == 1
                || log.count("progress.yaml NOT applied") == 1);

        assertThat(log.count("progress.yaml applied")).as(log.text()).isEqualTo(1);
        assertThat(log.count("jobz")).as("job.yaml is not loaded again behind the user's back").isEqualTo(1);
        assertThat(context.getRouteController().getRouteStatus("quote-job")).isEqualTo(ServiceStatus.Started);
        assertThat(triggerJob().succeeded()).isEqualTo(8);
    }

    @Test
    void aNewFileThatCouldNotBeStartedDoesNotBlockEditsOfOtherFiles() {
        writeRoute("extra.yaml", """
                - route:
                    id: extra
                    from:
                      uri: timer:extra
                      steps:
                        - bean:
                            ref: nosuchbean
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("No previous version of") == 1);

        writeRoute("progress.yaml", readRoute("progress.yaml") + "# edited\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml applied") + log.count("progress.yaml NOT") == 1);
        assertThat(log.count("progress.yaml applied")).as(log.text()).isEqualTo(1);
        assertThat(log.count("nosuchbean")).as("extra.yaml is not loaded again behind the user's back").isEqualTo(1);
        assertThat(triggerJob().succeeded()).isEqualTo(8);
    }

    @Test
    void aRenamedRouteReplacesTheOldOneInsteadOfRunningBesideIt() {
        writeRoute("job.yaml", readRoute("job.yaml").replace("id: quote-job", "id: the-job"));
        writeRoute("progress.yaml", readRoute("progress.yaml").replace("id: progress", "id: progress-lines"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml applied") + log.count("progress.yaml NOT") == 1
                && log.count("job.yaml applied") + log.count("job.yaml NOT") == 1);

        assertThat(log.count("NOT applied")).as(log.text()).isZero();
        assertThat(context.getRoute("quote-job")).as("the old job route is gone").isNull();
        assertThat(context.getRoute("progress")).as("no second progress line").isNull();
        assertThat(context.getRouteController().getRouteStatus("the-job")).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("progress-lines")).isEqualTo(ServiceStatus.Started);
        assertThat(triggerJob().succeeded()).isEqualTo(8);
    }

    @Test
    void aBrokenFileSeenAgainUnchangedIsReportedOnce() {
        // one save often reaches the watcher as two events (seen with sed -i: two identical WARNs a few ms apart)
        String broken = readRoute("job.yaml").replace("simple: \"${body.valid}\"", "simple: \"${body.valid}");
        writeRoute("job.yaml", broken);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml NOT applied") == 1);
        writeRoute("job.yaml", broken);
        // the watcher handles events in order: once this one is applied, the one before was handled
        writeRoute("progress.yaml", readRoute("progress.yaml") + "# edited\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml applied") == 1);

        assertThat(log.count("job.yaml NOT applied")).as("the same broken text once: " + log.text()).isEqualTo(1);
        writeRoute("job.yaml", broken.replace("- split:", "- splitt:"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml NOT applied") == 2);
    }

    @Test
    void aFileSavedAgainUnchangedIsNotReloaded() {
        // an editor's second write of the same save, or :w without a change
        writeRoute("fetch.yaml", readRoute("fetch.yaml"));
        // the watcher handles events in order: once this one is applied, the one before was handled
        writeRoute("progress.yaml", readRoute("progress.yaml") + "# edited\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml applied") == 1);

        assertThat(log.count("fetch.yaml")).as("the fetch routes were not restarted: " + log.text()).isZero();
        assertThat(triggerJob().succeeded()).isEqualTo(8);
    }

    @Test
    void aFileEmptiedBeforeItIsWrittenAgainIsNoWarning() throws Exception {
        // saved in place: `cat new.yaml > progress.yaml` empties the file, then writes it
        String edited = readRoute("progress.yaml") + "# edited\n";
        Files.write(routes.resolve("progress.yaml"), new byte[0]);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml is empty") >= 1);
        Files.writeString(routes.resolve("progress.yaml"), edited);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml applied") == 1);

        assertThat(log.text()).as("before, 'NOT applied ... Resource is empty' was a WARN").doesNotContain("NOT applied");
        assertThat(context.getRouteController().getRouteStatus("progress")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anEditOfTheServiceRoutesDuringAJobAppliesAfterIt() {
        template.sendBodyAndHeader("direct:trigger-job", null, "quotaflowTrigger", "manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().current() != null);
        var running = jobs().current();
        // service.yaml holds run-job, the route the running job is in: it can only be swapped after it
        writeRoute("service.yaml", readRoute("service.yaml").replace("""
                        - doTry:
                            steps:
                              - to: direct:job
                """, """
                        - log: "run-job v2 starting a job"
                        - doTry:
                            steps:
                              - to: direct:job
                """));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("service.yaml changed while a job runs") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> log.count("service.yaml applied") == 1);
        assertThat(running.summary().succeeded()).isEqualTo(8);

        Summary next = triggerJob();
        assertThat(next.succeeded()).isEqualTo(8);
        assertThat(log.count("run-job v2 starting a job")).isEqualTo(1);
    }

    @Test
    void aRemovedRouteFileSaysItsRoutesKeepRunning() throws Exception {
        Files.delete(routes.resolve("progress.yaml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml was removed") == 1);
        assertThat(log.text()).contains("its routes keep running until quotaflow restarts")
                .doesNotContain("progress.yaml applied");
        assertThat(context.getRouteController().getRouteStatus("progress")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anEditPendingWhenItsFileIsRemovedIsNotApplied() throws Exception {
        template.sendBodyAndHeader("direct:trigger-job", null, "quotaflowTrigger", "manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().current() != null);
        var running = jobs().current();
        writeRoute("progress.yaml", readRoute("progress.yaml").replace("loggingLevel: INFO", "loggingLevel: DEBUG"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml changed while a job runs") == 1);
        Files.delete(routes.resolve("progress.yaml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("progress.yaml was removed") == 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> jobs().last() == running && gate().busySince() == null);
        assertThat(log.text()).as("the removed file's pending edit is dropped").doesNotContain("progress.yaml applied");
        assertThat(context.getRouteController().getRouteStatus("progress")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anEditSavedWhilePendingEditsAreAppliedStillAppliesBeforeTheNextJob() {
        // a route of its own whose one exchange the test holds: reloading its file waits for that exchange
        writeRoute("held.yaml", HELD_ROUTE);
        await().atMost(Duration.ofSeconds(20)).until(() -> Held.entered.getCount() == 0);

        template.sendBodyAndHeader("direct:trigger-job", null, "quotaflowTrigger", "manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs().current() != null);
        var running = jobs().current();
        writeRoute("held.yaml", HELD_ROUTE + "# edited\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("held.yaml changed while a job runs") == 1);
        // the job ends; the gate stays held while held.yaml is reloaded, which waits for the held exchange
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs().last() == running);
        assertThat(gate().busySince()).as("held.yaml is being applied").isNotNull();

        writeRoute("job.yaml", ReadmeExamples.withSkip(readRoute("job.yaml")));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("job.yaml changed while other route files are applied") == 1);
        Held.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> gate().busySince() == null);

        assertThat(log.count("job.yaml applied")).as("applied before the gate let the next job in").isEqualTo(1);
        Summary next = triggerJob();
        assertThat(next.invalid()).as("the next job runs the edit").isEqualTo(2);
    }

    private static final String HELD_ROUTE = """
            - route:
                id: held
                from:
                  uri: timer:held
                  parameters:
                    repeatCount: 1
                  steps:
                    - bean:
                        beanType: io.quotaflow.schedule.LiveRouteEditTest$Held
                        method: hold
            """;

    /** Holds the first exchange that calls it until the test lets it go. */
    public static final class Held {
        static final CountDownLatch entered = new CountDownLatch(1);
        static final CountDownLatch release = new CountDownLatch(1);

        public void hold() throws InterruptedException {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        }
    }

    /** Requests for the symbol the simulator answered with a quote (429s under load are retried, not counted). */
    private long answered(String symbol) {
        return simulator().arrivals().stream().filter(a -> a.symbol().equals(symbol) && a.status() == 200).count();
    }
}
