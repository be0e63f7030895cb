package io.quotaflow.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
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
 * Debian's headless Chromium driving an embedded Hawtio console: the launch the browser tests share and
 * the page steps they take (log in, open a route's tab, read the diagram, take a screenshot).
 */
final class HawtioBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final WebDriverWait wait;
    private final Supplier<String> consoleUrl;

    /** Skips the calling test class when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    }

    /** @param consoleUrl the console's base URL ({@code http://HOST:PORT/hawtio}), asked for when a page is opened */
    HawtioBrowser(Path profileDir, Supplier<String> consoleUrl) throws IOException {
        this.consoleUrl = consoleUrl;
        // the flags keep Chromium from reaching for the network (closed here) and from needing a sandbox as root
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(profileDir),
                "--window-size=1600,1000");
        // an explicit driver path keeps Selenium Manager (which would download drivers) out of the picture
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void login(String user, String password) {
        driver.get(consoleUrl.get() + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys(user);
        driver.findElement(By.id("pf-login-password-id")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/hawtio/?(camel.*)?$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[normalize-space()='" + user + "']")));
    }

    void openRouteTab(String routeId, String tab) {
        if (!driver.getCurrentUrl().contains("/hawtio/camel")) {
            driver.get(consoleUrl.get() + "/camel");
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()='" + routeId + "']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//a[contains(@class,'pf-v5-c-nav__link') and normalize-space()='" + tab + "']"))).click();
    }

    /** Waits until the count on the route diagram's "From" node is above {@code floor}, and returns it. */
    long awaitFromNodeCountAbove(long floor) {
        return wait.until(d -> {
            long count = fromNodeCount();
            return count > floor ? count : null;
        });
    }

    /** The count on the route diagram's "From" node, or -1 if it is not shown (yet). */
    private long fromNodeCount() {
        for (WebElement node : driver.findElements(By.cssSelector(".react-flow__node"))) {
            List<WebElement> label = node.findElements(By.cssSelector(".camel-node-label"));
            List<WebElement> number = node.findElements(By.cssSelector(".number"));
            if (!label.isEmpty() && label.get(0).getText().startsWith("From") && !number.isEmpty()) {
                String text = number.get(0).getText().trim();
                // the badge is briefly empty while Hawtio redraws it with fresh statistics
                return text.isEmpty() ? -1 : Long.parseLong(text);
            }
        }
        return -1;
    }

    /**
     * Waits until the route diagram shows at least {@code atLeast} node labels, none of them blank (a label
     * is briefly empty while Hawtio draws the node), and returns them in diagram order.
     */
    List<String> awaitNodeLabels(int atLeast) {
        return wait.until(d -> {
            List<String> labels = driver.findElements(By.cssSelector(".react-flow__node .camel-node-label")).stream()
                    .map(e -> e.getText().trim()).toList();
            return labels.size() >= atLeast && labels.stream().noneMatch(String::isEmpty) ? labels : null;
        });
    }

    /** Saves a screenshot as {@code target/<name>.png}. */
    void shot(String name) throws IOException {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), Path.of("target", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
