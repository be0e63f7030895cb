package io.quotaflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quotaflow.support.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

    @TempDir
    static Path tmp;

    static LogLines logs;
    static ConsoleTestApp app;
    static HawtioBrowser hawtio;
    static WebDriver browser;
    static WebDriverWait wait;
    static String operator;
    static String operatorPassword;

    @BeforeAll
    static void start() throws Exception {
        HawtioBrowser.assumeInstalled();
        logs = LogCapture.withSecurityDebug();
        app = new ConsoleTestApp(tmp.resolve("home/console-credentials.properties")).start();
        Properties stored = new Properties();
        try (var in = Files.newInputStream(app.settings.credentialsFile())) {
            stored.load(in);
        }
        operator = stored.getProperty("username");
        operatorPassword = stored.getProperty("password");

        hawtio = new HawtioBrowser(tmp.resolve("chromium-profile"), app.console::url);
        browser = hawtio.driver;
        wait = hawtio.wait;
    }

    @AfterAll
    static void stop() {
        if (hawtio != null) {
            hawtio.close();
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
        hawtio.login(operator, operatorPassword);
        hawtio.openRouteTab(ConsoleTestApp.ROUTE_ID, "Route Diagram");

        List<String> labels = hawtio.awaitNodeLabels(4);
        assertThat(labels).containsExactly("From timer:tick", "Set Body: tick", "Logger", "To log:tick");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(ConsoleTestApp.ROUTE_ID);

        // live counts: the number on the "from" node is the route's completed exchanges and keeps rising
        long first = hawtio.awaitFromNodeCountAbove(0);
        assertThat(first).isPositive();
        long later = hawtio.awaitFromNodeCountAbove(first);
        assertThat(later).isGreaterThan(first);
        hawtio.shot("console-route-diagram");

        hawtio.openRouteTab(ConsoleTestApp.ROUTE_ID, "Operations");
        assertThat(isLocked(operationRow("stop()"))).as("operator may stop the route").isFalse();
    }

    @Test
    @Order(3)
    void viewerSeesDiagramButStopIsLocked() throws Exception {
        logout();
        hawtio.login(ConsoleTestApp.VIEWER, ConsoleTestApp.VIEWER_PASSWORD);
        hawtio.openRouteTab(ConsoleTestApp.ROUTE_ID, "Route Diagram");
        List<String> labels = hawtio.awaitNodeLabels(4);
        assertThat(labels).contains("From timer:tick", "To log:tick");
        hawtio.shot("console-route-diagram-viewer");

        // the UI asks ConsoleAccessControl.canInvoke(Map) and shows a lock on what the viewer may not run
        hawtio.openRouteTab(ConsoleTestApp.ROUTE_ID, "Operations");
        assertThat(isLocked(operationRow("dumpRouteAsXml()"))).as("dumps stay open").isFalse();
        WebElement stop = operationRow("stop()");
        assertThat(isLocked(stop)).as("stop() locked for a viewer").isTrue();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'})", stop);
        hawtio.shot("console-operations-viewer");
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

    /** A fresh browser session: drop the session cookie and whatever Hawtio kept in web storage. */
    private static void logout() {
        browser.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.clear(); sessionStorage.clear();");
        browser.get(app.console.url() + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
    }
}
