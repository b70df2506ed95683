package io.github.driftclaims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * reports/index.html as a reader sees it: opened from file:// in headless Chromium (Debian's chromium and
 * chromium-driver, driven through Selenium with both paths given, so Selenium Manager downloads nothing). Runs after
 * the Allure report and the page are written (pom.xml: failsafe execution "browser" in post-integration-test).
 */
@DisplayName("The verdict page in a real browser (headless Chromium)")
class VerdictPageBrowserIT {

    static final Path PAGE = VerdictPage.OUT;
    static final Path ALLURE = VerdictPage.ALLURE;
    static final Path MARKDOWN = Path.of("reports", "verdicts.md");
    static final Path CHROMIUM = Path.of(System.getProperty("browser.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("browser.driver", "/usr/bin/chromedriver"));
    /** -Dbrowser.required=true (CI): a missing browser or page fails instead of skipping. */
    static final boolean REQUIRED = Boolean.getBoolean("browser.required");
    static final Duration RENDER = Duration.ofSeconds(20);

    static ChromeDriver driver;

    /** Skips with {@code message}, or fails with it under -Dbrowser.required=true. */
    static void need(boolean ok, String message) {
        if (!ok) {
            if (REQUIRED) {
                fail(message + " (and -Dbrowser.required=true)");
            }
            Assumptions.abort(message);
        }
    }

    @BeforeAll
    static void openBrowser() {
        need(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "Chromium not installed: apt-get install "
                + "chromium chromium-driver (looked for " + CHROMIUM + " and " + DRIVER + ")");
        need(Files.isRegularFile(PAGE) && Files.isRegularFile(ALLURE), PAGE + " or " + ALLURE + " was not written in "
                + "this build (the page needs the verdict matrix test and the Allure report: run ./mvnw verify)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    static void openPage() {
        driver.get(PAGE.toAbsolutePath().toUri().toString());
    }

    static List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(e -> (String) ((JavascriptExecutor) driver).executeScript("return arguments[0].textContent;", e))
                .map(String::strip).toList();
    }

    /** The claim labels and column names of every table in reports/verdicts.md. */
    static Map<String, Set<String>> markdownTables() throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> claims = new LinkedHashSet<>();
        for (String line : Files.readAllLines(MARKDOWN)) {
            if (line.startsWith("| claim |")) {
                cells(line).stream().skip(1).forEach(columns::add);
            } else if (line.matches("\\| \\d+ .*")) {
                claims.add(cells(line).get(0));
            }
        }
        return Map.of("columns", columns, "claims", claims);
    }

    /** A Markdown table row's cells, its escaped pipes as pipes. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
            out.add(c.strip().replace("\\|", "|"));
        }
        return out;
    }

    @Test
    @DisplayName("the matrix shows every claim and every model column of reports/verdicts.md, a coloured cell in each")
    void everyClaimAndModel() throws IOException {
        openPage();
        Map<String, Set<String>> md = markdownTables();
        assertThat(md.get("claims")).isNotEmpty();
        assertThat(md.get("columns")).isNotEmpty();
        assertThat(texts("table.matrix thead th[scope=col]")).containsAll(md.get("columns"));
        assertThat(texts("table.matrix tbody th[scope=row]")).containsAll(md.get("claims"));
        for (WebElement table : driver.findElements(By.cssSelector("table.matrix"))) {
            int columns = table.findElements(By.cssSelector("thead th[scope=col]")).size();
            int rows = table.findElements(By.cssSelector("tbody tr")).size();
            List<WebElement> cells = table.findElements(By.cssSelector("td.cell"));
            assertThat(cells).hasSize(columns * rows);
            for (WebElement cell : cells.subList(0, Math.min(cells.size(), 40))) {
                // The colour is the verdict's: a cell with a verdict is not left white.
                if (!cell.getAttribute("class").contains("v-none")) {
                    assertThat(cell.getCssValue("background-color")).isNotIn("rgba(0, 0, 0, 0)", "rgba(255, 255, 255, 1)");
                }
            }
        }
    }

    @Test
    @DisplayName("every cell's link opens its claim's test in the single-file Allure report")
    void everyLinkOpensItsTest() throws IOException {
        openPage();
        AllureSingleFile report = AllureSingleFile.read(ALLURE);
        Map<String, String> names = report.results().stream()
                .collect(Collectors.toMap(AllureSingleFile.TestResult::uid, AllureSingleFile.TestResult::name));
        List<WebElement> links = driver.findElements(By.cssSelector("td.cell a.test-link"));
        assertThat(links).as("linked cells").isNotEmpty();
        Map<String, String> expected = new LinkedHashMap<>();
        String prefix = ALLURE.toAbsolutePath().toUri() + "#testresult/";
        for (WebElement a : links) {
            assertThat(a.getAttribute("href")).startsWith(prefix);
            String uid = a.getAttribute("href").substring(prefix.length());
            assertThat(names).as("a test result with uid %s in %s", uid, ALLURE).containsKey(uid);
            expected.put(uid, names.get(uid));
        }
        // A cell with a verdict and no link says why.
        for (WebElement cell : driver.findElements(By.cssSelector("td.cell:not(.v-none)"))) {
            if (cell.findElements(By.cssSelector("a.test-link")).isEmpty()) {
                assertThat(cell.getAttribute("innerHTML")).contains(VerdictPage.NO_TEST);
            }
        }
        // The first by a click, as a reader follows it; the rest by the report's own route, in the loaded report.
        String first = expected.keySet().iterator().next();
        links.get(0).click();
        waitForTest(expected.get(first));
        assertThat(driver.getCurrentUrl()).isEqualTo(prefix + first);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            ((JavascriptExecutor) driver).executeScript("window.location.hash = arguments[0];",
                    AllureSingleFile.route(e.getKey()));
            waitForTest(e.getValue());
        }
    }

    static void waitForTest(String name) {
        new WebDriverWait(driver, RENDER).withMessage(() -> "the Allure report shows test \"" + name + "\" at "
                + driver.getCurrentUrl()).until(d -> d.findElements(By.cssSelector(".test-result__name")).stream()
                .anyMatch(e -> e.getText().strip().startsWith(name.strip())));
    }

    @Test
    @DisplayName("every chart is a non-empty SVG with marks in it")
    void chartsHaveContent() {
        openPage();
        List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart > svg"));
        assertThat(charts).as("charts").hasSizeGreaterThanOrEqualTo(4);
        assertThat(texts("section.charts > h2")).hasSizeGreaterThanOrEqualTo(4);
        for (WebElement svg : charts) {
            assertThat(svg.getRect().getWidth()).isPositive();
            assertThat(svg.getRect().getHeight()).isPositive();
            assertThat(svg.findElements(By.cssSelector("rect, circle, line, path, polyline, polygon")))
                    .as("marks in %s", svg.getAttribute("outerHTML").substring(0, 80)).hasSizeGreaterThan(2);
        }
    }

    @Test
    @DisplayName("the browser's console shows no errors on the page")
    void noConsoleErrors() {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier tests left
        openPage();
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).isEmpty();
    }
}
