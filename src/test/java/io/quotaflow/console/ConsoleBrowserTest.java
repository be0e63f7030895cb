package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quotaflow.support.LogLines;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

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
 * A real browser (Debian's headless Chromium through /usr/bin/chromedriver) logs into Hawtio, opens the Camel
 * route diagram and checks what a person would see: the route's nodes with their labels and live exchange
 * counts. Screenshots go to {@code target/console-*.png}. Skipped when Chromium is not installed.
 *
 * <p>Run alone: {@code mvn -B -q test -Dtest=ConsoleBrowserTest}
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    static LogLines logs;
    static ConsoleTestApp app;
    static WebDriver browser;
    static WebDriverWait wait;
    static String operator;
    static String operatorPassword;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        logs = LogCapture.withSecurityDebug();
        app = new ConsoleTestApp(tmp.resolve("home/console-credentials.properties")).start();
        Properties stored = new Properties();
        try (var in = Files.newInputStream(app.settings.credentialsFile())) {
            stored.load(in);
        }
        operator = stored.getProperty("username");
        operatorPassword = stored.getProperty("password");

        // the flags keep Chromium from reaching for the network (closed here) and from needing a sandbox as root
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")),
                "--window-size=1600,1000");
        // an explicit driver path keeps Selenium Manager (which would download drivers) out of the picture
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, UI_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    void loginIsRequired() throws Exception {
        browser.get(app.console.url() + "/camel");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
        assertThat(browser.getCurrentUrl()).contains("/hawtio/login");
        assertThat(browser.findElements(By.cssSelector(".react-flow__node"))).isEmpty();
    }

    @Test
    @Order(2)
    void operatorSeesRouteDiagramWithLiveCounts() throws Exception {
        login(operator, operatorPassword);
        openRouteTab(ConsoleTestApp.ROUTE_ID, "Route Diagram");

        List<String> labels = wait.until(d -> {
            List<String> l = texts(".react-flow__node .camel-node-label");
            return l.size() >= 4 ? l : null;
        });
        assertThat(labels).containsExactly("From timer:tick", "Set Body: tick", "Logger", "To log:tick");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(ConsoleTestApp.ROUTE_ID);

        // live counts: the number on the "from" node is the route's completed exchanges and keeps rising
        long first = fromNodeCount();
        assertThat(first).isPositive();
        long later = wait.until(d -> {
            long now = fromNodeCount();
            return now > first ? now : null;
        });
        assertThat(later).isGreaterThan(first);
        shot("console-route-diagram");

        openRouteTab(ConsoleTestApp.ROUTE_ID, "Operations");
        assertThat(isLocked(operationRow("stop()"))).as("operator may stop the route").isFalse();
    }

    @Test
    @Order(3)
    void viewerSeesDiagramButStopIsLocked() throws Exception {
        logout();
        login(ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD);
        openRouteTab(ConsoleTestApp.ROUTE_ID, "Route Diagram");
        List<String> labels = wait.until(d -> {
            List<String> l = texts(".react-flow__node .camel-node-label");
            return l.size() >= 4 ? l : null;
        });
        assertThat(labels).contains("From timer:tick", "To log:tick");
        shot("console-route-diagram-viewer");

        // the UI asks ConsoleAccessControl.canInvoke(Map) and shows a lock on what the viewer may not run
        openRouteTab(ConsoleTestApp.ROUTE_ID, "Operations");
        assertThat(isLocked(operationRow("dumpRouteAsXml()"))).as("dumps stay open").isFalse();
        WebElement stop = operationRow("stop()");
        assertThat(isLocked(stop)).as("stop() locked for a viewer").isTrue();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'})", stop);
        shot("console-operations-viewer");
    }

    @Test
    @Order(4)
    void browserSessionsLeaveNoPasswordInTheLog() {
        // Hawtio logs the session Subject at DEBUG; MaskedPassword keeps the credential inside it unreadable
        String logged = logs.text();
        assertThat(logged).contains("Session subject");
        assertThat(logged).doesNotContain(operatorPassword).doesNotContain(ConsoleTestApp.VIEWER_PASSWORD);
    }

    private static WebElement operationRow(String operation) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("li[aria-labelledby='operation " + operation + "']")));
    }

    /** Hawtio marks an operation the user may not invoke with a lock icon cell. */
    private static boolean isLocked(WebElement operationRow) {
        return !operationRow.findElements(By.cssSelector(".pf-v5-c-data-list__cell.pf-m-icon")).isEmpty();
    }

    private static void login(String user, String password) {
        browser.get(app.console.url() + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys(user);
        browser.findElement(By.id("pf-login-password-id")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/hawtio/?(camel.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[normalize-space()='" + user + "']")));
    }

    /** A fresh browser session: drop the session cookie and whatever Hawtio kept in web storage. */
    private static void logout() {
        browser.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.clear(); sessionStorage.clear();");
        browser.get(app.console.url() + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
    }

    private static void openRouteTab(String routeId, String tab) {
        if (!browser.getCurrentUrl().contains("/hawtio/camel")) {
            browser.get(app.console.url() + "/camel");
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()='" + routeId + "']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//a[contains(@class,'pf-v5-c-nav__link') and normalize-space()='" + tab + "']"))).click();
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

    private static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), Path.of("target", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
