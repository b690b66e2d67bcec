package io.smartcloudops.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.WebAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The agent's page in Debian's real headless Chromium: ask, see the answer and the chart, approve an action. */
class WebPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private WebAccess agent;
    private WebDriver browser;

    @BeforeEach
    void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Debian's chromium and chromium-driver are not installed";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + "; .ci/run must install them");
            }
            Assumptions.abort(why + "; skipping the browser test");
        }
        Map<String, ProviderConfig> actions = Map.of(
                "run_command",
                ProviderConfig.of(
                        "actions.run_command",
                        Map.of(
                                "destructive",
                                true,
                                "allow",
                                Map.of("say_hi", Map.of("argv", List.of("/bin/echo", "hi"))))));
        agent = WebAccess.start(AgentConfig.defaults().toBuilder()
                .port(0)
                .dataDir(dir.resolve("data"))
                .sampleInterval(Duration.ofMillis(20))
                .sources(Map.of())
                .actionMode(ActionMode.EXECUTE)
                .actions(actions)
                .systemctl(List.of("/bin/echo"))
                .build()); // EXECUTE mode: a stand-in for systemctl, never the real one
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1400",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void typeAQuerySeeTheAnswerAndTheChartThenApproveAPendingAction() throws Exception {
        agent.awaitCpuSpike();
        String pending = agent.proposeDestructiveAction();
        String operator = agent.createToken("bob", Role.OPERATOR);

        browser.get(agent.url());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        assertThat(browser.getTitle()).isEqualTo("SmartCloudOps agent");

        browser.findElement(By.id("text")).sendKeys("how is cpu doing?");
        browser.findElement(By.cssSelector("#ask button")).click();
        WebElement answer = browser.findElement(By.id("answer"));
        wait.until(ExpectedConditions.attributeToBe(answer, "data-intent", "metric_query"));
        assertThat(answer.getText()).containsIgnoringCase("cpu");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart .uplot canvas")));
        assertThat(browser.findElement(By.id("chart-title")).getText()).contains("node_cpu_usage_percent");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals"), pending));
        browser.findElement(By.id("token")).sendKeys(operator);
        browser.findElement(By.xpath(
                        "//tbody[@id='approvals']//tr[td[text()='" + pending + "']]//button[text()='Approve']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-result"), "approve: succeeded"));
        assertThat(agent.approvedBy(pending)).isEqualTo("bob");

        Files.write(Path.of("target", "web-page.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
