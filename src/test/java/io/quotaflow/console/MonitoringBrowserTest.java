package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium against the real service (its own JVM, ./routes, first job running): logs in as the operator,
 * opens quotaflow's {@code call-api} route diagram, sees its steps with live counts that rise while the job runs,
 * and finds quotaflow's own limiter MBean in the JMX tree. Screenshots: {@code target/console-app-*.png}.
 * Skipped when Chromium is not installed.
 *
 * <p>Run alone: {@code mvn -B -q test -Dtest=MonitoringBrowserTest} (needs {@code apt-get install -y chromium
 * chromium-driver}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringBrowserTest {

    static final int TICKERS = 600; // 30 s at 2 x 10/s: the diagram is watched while the job still runs

    @TempDir
    static Path tmp;

    static QuotaflowService app;
    static HawtioBrowser hawtio;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        HawtioBrowser.assumeInstalled();
        // the browser first: the first job starts with the service, and the test wants to see it running
        hawtio = new HawtioBrowser(tmp.resolve("chromium-profile"), () -> app.consoleUrl());
        browser = hawtio.driver;
        wait = hawtio.wait;
        app = new QuotaflowService(Files.createDirectories(tmp.resolve("app")), TICKERS,
                Map.of("camel.main.shutdownTimeout", "5")).awaitUp(); // the job is still running at the end
    }

    @AfterAll
    static void stop() throws Exception {
        if (hawtio != null) {
            hawtio.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void operatorSeesQuotaflowsRouteDiagramWithLiveCounts() throws Exception {
        String[] op = app.operator();
        browser.get(app.consoleUrl() + "/camel");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
        assertThat(browser.getCurrentUrl()).as("login first").contains("/hawtio/login");
        hawtio.login(op[0], op[1]);

        hawtio.openRouteTab("call-api", "Route Diagram");
        List<String> labels = hawtio.awaitNodeLabels(6);
        System.out.println("call-api diagram labels: " + labels);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("call-api");
        // Hawtio shortens long labels with "...": the steps of routes/fetch.yaml, in order, throttle before HTTP
        assertThat(labels.get(0)).startsWith("From direct:call-");
        assertThat(labels).containsSubsequence("Remove Headers", "Do Try", "To http://quote-api");
        int throttle = indexStartingWith(labels, "Bean throttle.acq");
        assertThat(throttle).as("the throttle step in %s", labels).isPositive()
                .isLessThan(labels.indexOf("To http://quote-api"));

        long first = hawtio.awaitFromNodeCountAbove(0);
        assertThat(first).as("exchanges through call-api so far").isPositive();
        long later = hawtio.awaitFromNodeCountAbove(first);
        assertThat(later).isGreaterThan(first);
        hawtio.shot("console-app-route-diagram");
    }

    @Test
    @Order(2)
    void limiterMBeanIsInTheJmxTree() throws Exception {
        browser.get(app.consoleUrl() + "/jmx");
        // the tree's own filter box opens the branch that matches: io.quotaflow > limiter > key1
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=search], .pf-v5-c-search-input input")))
                .sendKeys("key1");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()='key1']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "key1"));
        String page = wait.until(d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains("RequestsInWindow") && text.contains("SentLastMinute") ? text : null;
        });
        assertThat(page).contains("io.quotaflow:type=limiter,key=key1").contains("Limit " + QuotaflowService.LIMIT).contains("RateLimitedResponses")
                .doesNotContain("alpha-secret-key-123");
        hawtio.shot("console-app-jmx-limiter");
    }

    private static int indexStartingWith(List<String> labels, String prefix) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
