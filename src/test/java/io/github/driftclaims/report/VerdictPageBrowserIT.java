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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
    /** Why the tests cannot run here, or null. */
    static String missing;

    @BeforeAll
    static void openBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            missing = "Chromium not installed: apt-get install chromium chromium-driver (looked for " + CHROMIUM + " and "
                    + DRIVER + ")";
        } else if (!Files.isRegularFile(PAGE) || !Files.isRegularFile(ALLURE)) {
            missing = PAGE + " or " + ALLURE + " was not written in this build (the page needs the verdict matrix test "
                    + "and the Allure report: run ./mvnw verify)";
        }
        if (missing != null) {
            // Said once in the build's output; each test then skips (or fails) with the same words.
            System.err.println("VerdictPageBrowserIT: " + (REQUIRED ? "FAILED" : "SKIPPED") + ": " + missing);
            return;
        }
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

    /** Skips each test when the browser or the page is missing, or fails it under -Dbrowser.required=true. */
    @BeforeEach
    void needBrowserAndPage() {
        if (missing != null) {
            if (REQUIRED) {
                fail(missing + " (and -Dbrowser.required=true)");
            }
            Assumptions.abort(missing);
        }
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

    @SuppressWarnings("unchecked")
    static List<String> texts(String css) {
        // One round trip for all of them: per element, WebDriver costs tens of milliseconds.
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll("
                + "arguments[0])).map(e => e.textContent.trim());", css);
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
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tables = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('table.matrix')).map(t => ({
                  columns: t.querySelectorAll('thead th[scope=col]').length - 1,
                  rows: t.querySelectorAll('tbody tr').length,
                  cells: Array.from(t.querySelectorAll('td.cell')).map(c => [
                      Array.from(c.classList).find(k => k.startsWith('v-')),
                      getComputedStyle(c).backgroundColor])}));""");
        assertThat(tables).hasSizeGreaterThanOrEqualTo(1);
        Map<String, Set<String>> colours = new LinkedHashMap<>();
        for (Map<String, Object> t : tables) {
            @SuppressWarnings("unchecked")
            List<List<String>> cells = (List<List<String>>) t.get("cells");
            assertThat((long) cells.size()).as("cells of a %s x %s table", t.get("rows"), t.get("columns"))
                    .isEqualTo((Long) t.get("rows") * (Long) t.get("columns"));
            cells.forEach(c -> colours.computeIfAbsent(c.get(0), k -> new LinkedHashSet<>()).add(c.get(1)));
        }
        // Coloured by verdict (its v-* class; a fragile cell adds a hatch, not a colour): one colour per verdict, a
        // different one for each, none left blank.
        assertThat(colours).containsKeys("v-reproduced", "v-partly", "v-refuted");
        colours.forEach((verdict, cs) -> assertThat(cs).as("colours of %s cells", verdict).hasSize(1));
        List<String> distinct = colours.entrySet().stream().filter(e -> !e.getKey().equals("v-none"))
                .map(e -> e.getValue().iterator().next()).toList();
        assertThat(distinct).doesNotHaveDuplicates().doesNotContain("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)");
    }

    @Test
    @DisplayName("every cell's link opens its claim's test in the single-file Allure report")
    void everyLinkOpensItsTest() throws IOException {
        openPage();
        Map<String, AllureSingleFile.TestResult> results = AllureSingleFile.read(ALLURE).results().stream()
                .collect(Collectors.toMap(AllureSingleFile.TestResult::uid, r -> r));
        // Every cell in one round trip: its table, column, claim, link (resolved by the browser) and text.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                const tables = Array.from(document.querySelectorAll('table.matrix'));
                return Array.from(document.querySelectorAll('td.cell:not(.v-none)')).map(c => ({
                  column: tables.indexOf(c.closest('table')) + '/' + Array.from(c.parentElement.cells).indexOf(c),
                  claim: c.parentElement.dataset.claim,
                  href: c.querySelector('a.test-link') ? c.querySelector('a.test-link').href : null,
                  text: c.textContent}));""");
        String prefix = ALLURE.toAbsolutePath().toUri() + "#testresult/";
        Map<String, String> sample = new LinkedHashMap<>();
        Set<String> covered = new LinkedHashSet<>();
        int linked = 0;
        for (Map<String, Object> c : cells) {
            String href = (String) c.get("href");
            if (href == null) {
                assertThat((String) c.get("text")).as("a cell without a link says why").contains(VerdictPage.NO_TEST);
                continue;
            }
            linked++;
            assertThat(href).startsWith(prefix);
            String uid = href.substring(prefix.length());
            AllureSingleFile.TestResult r = results.get(uid);
            assertThat(r).as("a test result with uid %s in %s", uid, ALLURE).isNotNull();
            assertThat(r.label(AllureSingleFile.CLAIM_LABEL)).as("claim of %s", r.name()).containsExactly((String) c.get("claim"));
            // Opened in the browser: a sample in which every column and every claim occurs.
            if (covered.add("column " + c.get("column")) | covered.add("claim " + c.get("claim"))) {
                sample.put(uid, r.name());
            }
        }
        assertThat(linked).as("linked cells").isPositive();
        // The first by a click, as a reader follows it.
        String first = sample.keySet().iterator().next();
        driver.findElement(By.cssSelector("a.test-link[href$='" + first + "']")).click();
        waitForTest(sample.get(first));
        assertThat(driver.getCurrentUrl()).isEqualTo(prefix + first);
        // The others by the report's own route, in the report already loaded (loading its 15 MB again per link would
        // take seconds each): the script sets the route and waits until a new test's name is rendered.
        List<String> rest = sample.keySet().stream().filter(uid -> !uid.equals(first)).toList();
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        @SuppressWarnings("unchecked")
        Map<String, String> shown = (Map<String, String>) ((JavascriptExecutor) driver).executeAsyncScript(OPEN_EACH,
                rest.stream().map(AllureSingleFile::route).toList());
        for (String uid : rest) {
            assertThat(shown.get(AllureSingleFile.route(uid))).as("the name the report shows at %s", uid)
                    .isNotNull().startsWith(sample.get(uid).strip());
        }
        System.out.printf("verdict page: %d linked cells, every uid in the report with its claim; %d opened in the "
                + "browser (every column and claim)%n", linked, sample.size());
    }

    /** Opens each route in turn and returns route to the test name shown, null when none rendered within 10 s. */
    static final String OPEN_EACH = """
            const routes = arguments[0], done = arguments[arguments.length - 1], out = {};
            let i = 0;
            function next() {
              if (i >= routes.length) { done(out); return; }
              const route = routes[i], before = document.querySelector('.test-result__name'), t0 = performance.now();
              location.hash = route;
              (function poll() {
                const el = document.querySelector('.test-result__name');
                if (el && el !== before) { out[route] = el.textContent.trim(); i++; next(); }
                else if (performance.now() - t0 > 10000) { out[route] = null; i++; next(); }
                else setTimeout(poll, 5);
              })();
            }
            next();
            """;

    /** Waits until the report shows the test {@code name}. */
    static void waitForTest(String name) {
        new WebDriverWait(driver, RENDER).pollingEvery(Duration.ofMillis(20))
                .withMessage(() -> "the Allure report shows test \"" + name + "\" at " + driver.getCurrentUrl())
                .until(d -> d.findElements(By.cssSelector(".test-result__name"))
                        .stream().anyMatch(e -> e.getText().strip().startsWith(name.strip())));
    }

    @Test
    @DisplayName("every chart is a non-empty SVG with marks in it")
    void chartsHaveContent() {
        openPage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('figure.chart > svg')).map(svg => ({
                  caption: svg.parentElement.querySelector('figcaption').textContent,
                  width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
                  marks: svg.querySelectorAll('rect, circle, line, path, polyline, polygon').length}));""");
        assertThat(charts).as("charts").hasSizeGreaterThanOrEqualTo(4);
        assertThat(texts("section.charts > h2")).as("chart sections").hasSizeGreaterThanOrEqualTo(4);
        for (Map<String, Object> c : charts) {
            assertThat(((Number) c.get("width")).doubleValue()).as("width of %s", c.get("caption")).isPositive();
            assertThat(((Number) c.get("height")).doubleValue()).as("height of %s", c.get("caption")).isPositive();
            assertThat((Long) c.get("marks")).as("marks in %s", c.get("caption")).isGreaterThan(2);
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
