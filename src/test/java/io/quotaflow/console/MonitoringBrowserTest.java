package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int TICKERS = 600; // 30 s at 2 x 10/s: the diagram is watched while the job still runs

    @TempDir
    static Path tmp;

    static QuotaflowService app;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        // the browser first: the first job starts with the service, and the test wants to see it running
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")),
                "--window-size=1600,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        app = new QuotaflowService(Files.createDirectories(tmp.resolve("app")), TICKERS,
                Map.of("camel.main.shutdownTimeout", "5")).awaitUp(); // the job is still running at the end
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
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
        login(op[0], op[1]);

        openRouteTab("call-api", "Route Diagram");
        List<String> labels = wait.until(d -> {
            List<String> l = texts(".react-flow__node .camel-node-label");
            return l.size() >= 6 ? l : null;
        });
        System.out.println("call-api diagram labels: " + labels);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("call-api");
        // Hawtio shortens long labels with "...": the steps of routes/fetch.yaml, in order, throttle before HTTP
        assertThat(labels.get(0)).startsWith("From direct:call-");
        assertThat(labels).containsSubsequence("Remove Headers", "Do Try", "To http://quote-api");
        int throttle = indexStartingWith(labels, "Bean throttle.acq");
        assertThat(throttle).as("the throttle step in %s", labels).isPositive()
                .isLessThan(labels.indexOf("To http://quote-api"));

        long first = fromNodeCount();
        assertThat(first).as("exchanges through call-api so far").isPositive();
        long later = wait.until(d -> {
            long now = fromNodeCount();
            return now > first ? now : null;
        });
        assertThat(later).isGreaterThan(first);
        shot("console-app-route-diagram");
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
        shot("console-app-jmx-limiter");
    }

    private static void login(String user, String password) {
        browser.get(app.consoleUrl() + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys(user);
        browser.findElement(By.id("pf-login-password-id")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/hawtio/?(camel.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[normalize-space()='" + user + "']")));
    }

    private static void openRouteTab(String routeId, String tab) {
        if (!browser.getCurrentUrl().contains("/hawtio/camel")) {
            browser.get(app.consoleUrl() + "/camel");
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()='" + routeId + "']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//a[contains(@class,'pf-v5-c-nav__link') and normalize-space()='" + tab + "']"))).click();
    }

    private static int indexStartingWith(List<String> labels, String prefix) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static long fromNodeCount() {
        for (WebElement node : browser.findElements(By.cssSelector(".react-flow__node"))) {
            List<WebElement> label = node.findElements(By.cssSelector(".camel-node-label"));
            List<WebElement> number = node.findElements(By.cssSelector(".number"));
            if (!label.isEmpty() && label.get(0).getText().startsWith("From") && !number.isEmpty()) {
                return Long.parseLong(number.get(0).getText().trim());
            }
        }
        return -1;
    }

    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
    }

    static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), Path.of("target", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
