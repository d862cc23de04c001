package io.kubelpa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): it loads with no console error and no request beyond its own file, shows the counts of
 * the analysis, and its filter works. A screenshot is kept in target/.
 */
class HtmlReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    static ReportModel model;
    static ChromeDriver browser;

    @BeforeAll
    static void open() throws Exception {
        assertThat(CHROMIUM)
                .as("Chromium is needed for this test: apt-get install chromium chromium-driver (.ci/run does)")
                .exists();
        model = AnalysisFixture.write(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.get(dir.resolve("report.html").toUri().toString());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void loadsWithoutErrorsOrNetworkAndShowsTheCounts() throws Exception {
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());
        List<String> requested = browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("\"Network.requestWillBeSent\""))
                .map(m -> m.replaceAll(".*\"url\":\"([^\"]*)\".*", "$1"))
                .toList();
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("file:"));
        for (Map.Entry<String, Integer> severity : model.bySeverity().entrySet()) {
            WebElement card =
                    browser.findElement(By.cssSelector("[data-severity-count='" + severity.getKey() + "'] b"));
            assertThat(card.getText()).isEqualTo(Integer.toString(severity.getValue()));
        }
        assertThat(browser.findElement(By.id("proposals-verified")).getText())
                .isEqualTo(Long.toString(model.accepted()));
        assertThat(browser.getTitle()).isEqualTo("kube-lpa least-privilege review");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("evil<script>alert(1)</script>");
        byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "report-screenshot.png");
        Files.write(target, screenshot);
        assertThat(screenshot.length).isGreaterThan(10_000);
    }

    @Test
    void theFirstScreenSaysWhatToDoFirstAndNothingOverflowsAt1280Pixels() throws Exception {
        Number viewport = (Number) browser.executeScript("return window.innerWidth;");
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(viewport.intValue()).isLessThanOrEqualTo(1280);
        assertThat(page.intValue()).as("page width at a 1280 px window").isLessThanOrEqualTo(viewport.intValue());
        WebElement steps = browser.findElement(By.id("first-steps"));
        WebElement heading = browser.findElement(By.id("first-steps-title"));
        Number innerHeight = (Number) browser.executeScript("return window.innerHeight;");
        assertThat(heading.getLocation().getY())
                .as("the first steps start on the first screen")
                .isLessThan(innerHeight.intValue());
        List<FirstSteps.Step> expected = model.firstSteps();
        assertThat(expected).isNotEmpty();
        List<WebElement> items = steps.findElements(By.cssSelector("li.step"));
        assertThat(items).hasSize(expected.size());
        for (int i = 0; i < items.size(); i++) {
            FirstSteps.Step step = expected.get(i);
            assertThat(items.get(i).getText())
                    .contains(step.answersSummary())
                    .contains(step.answers().get(0).ruleId())
                    .contains(
                            step.proposal() == null
                                    ? "No proposal"
                                    : step.proposal().accepted() ? "Proven" : "Not proposed yet");
        }
        browser.executeScript("window.scrollTo(0, 0);");
        Files.write(Path.of("target", "report-first-screen.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aLargeReviewSaysWhatItLeftOutAndEveryBarLabelFits() throws Exception {
        List<ReportModel.FindingRow> findings = new java.util.ArrayList<>();
        for (int i = 0; i < ReportModel.MAX_ROWS + 122; i++) {
            findings.add(ReportRows.finding(
                    "UNUSED_BINDING",
                    i < ReportModel.MAX_ROWS ? "medium" : "low",
                    null,
                    "ClusterRoleBinding/b" + i,
                    null,
                    List.of()));
        }
        Path large = dir.resolve("large.html");
        Files.writeString(large, new HtmlReport().render(ReportRows.model(findings, List.of()), "test"));
        try {
            browser.get(large.toUri().toString());
            // A large page may still be parsing when the driver hands back: wait for all of it.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"complete".equals(browser.executeScript("return document.readyState;"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(browser.findElements(By.cssSelector("#findings tr.finding")))
                    .hasSize(ReportModel.MAX_ROWS);
            assertThat(browser.findElement(By.id("findings-cut")).getText())
                    .isEqualTo(ReportModel.MAX_ROWS + " of " + findings.size()
                            + " findings to act on, the worst first; findings.json lists them all.");
            Number overflowing = (Number) browser.executeScript(
                    "var svg = document.querySelector('svg'); var width = svg.width.baseVal.value;"
                            + " return Array.from(svg.querySelectorAll('text'))"
                            + ".filter(function (t) { var b = t.getBBox(); return b.x + b.width > width; }).length;");
            assertThat(overflowing.intValue())
                    .as("bar labels cut off by the chart's edge")
                    .isZero();
            assertThat(browser.findElement(By.cssSelector("svg")).getText()).contains("2000", "122");
        } finally {
            browser.get(dir.resolve("report.html").toUri().toString());
        }
    }

    @Test
    void theFilterShowsOnlyMatchingFindings() {
        long dormant = model.findings().stream()
                .filter(f -> f.type().equals("DORMANT_SUBJECT"))
                .count();
        assertThat(dormant).isPositive();
        WebElement filter = browser.findElement(By.id("filter"));
        filter.clear();
        filter.sendKeys("dormant_subject");
        List<WebElement> visible = browser.findElements(By.cssSelector("#findings tr.finding")).stream()
                .filter(WebElement::isDisplayed)
                .toList();
        assertThat(visible).hasSize((int) dormant);
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo(dormant + " shown");
        filter.clear();
        filter.sendKeys(" ");
        assertThat(browser.findElements(By.cssSelector("#findings tr.finding")).stream()
                        .filter(WebElement::isDisplayed))
                .hasSize(model.findings().size());
    }

    @Test
    void sortingByAColumnReordersTheRows() {
        WebElement severityHeader = browser.findElement(By.cssSelector("#findings th"));
        severityHeader.click();
        List<String> ranks = browser.findElements(By.cssSelector("#findings tr.finding")).stream()
                .map(r -> r.getAttribute("data-rank"))
                .toList();
        assertThat(ranks).isSorted();
        severityHeader.click();
        List<String> descending = browser.findElements(By.cssSelector("#findings tr.finding")).stream()
                .map(r -> r.getAttribute("data-rank"))
                .toList();
        assertThat(descending).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
