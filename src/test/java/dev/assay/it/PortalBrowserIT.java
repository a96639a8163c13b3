package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal end to end in a real headless Chromium, against the real Liberty and the real
 * Keycloak of the oidc run: a model owner requests a waiver of a failed rule, an auditor approves
 * it and the gate turns to WARN, the PDF report is downloaded and verified on the verify page, and
 * self-approval is refused. Screenshots of each step land in target/portal-screenshots.
 *
 * <p>Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped with a printed
 * reason when they are absent, except when CI=true.
 */
@ExtendWith(LibertyServer.class)
class PortalBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/portal-screenshots");

    private static WebDriver browser;
    private static Path downloads;

    @BeforeAll
    static void startBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String reason = "Chromium or chromedriver is missing (apt-get install chromium chromium-driver)";
            if (LibertyServer.ci()) {
                throw new IllegalStateException(reason + "; CI=true requires it");
            }
            System.out.println("SKIPPED portal browser tests: " + reason);
            Assumptions.abort(reason);
        }
        downloads = Files.createTempDirectory("assay-downloads");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String failingVersion(String model) throws Exception {
        Api ci = Api.anonymous().withAuthorization("Bearer " + Api.ciServiceAccountToken());
        String version = WalkingSkeletonIT.register(ci, model);
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).status());
        assertEquals("FAIL", ci.get(version + "/gate").json().getString("decision"));
        // Registered by CI's service account; the demo owner owns it too, as an admin assigned.
        Api.addOwners(model, "owner");
        return LibertyServer.get().base() + "/portal/models/" + model + "/versions/1.0.0";
    }

    private static void signIn(String user) throws Exception {
        browser.get(LibertyServer.get().base() + "/portal/");
        if (!browser.findElements(By.cssSelector("form.signout")).isEmpty()) {
            signOut();
            browser.get(LibertyServer.get().base() + "/portal/");
        }
        await(d -> !d.findElements(By.id("kc-form-login")).isEmpty(), "Keycloak's login form");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(LibertyServer.get().keycloak().demoPassword);
        browser.findElement(By.id("kc-form-login")).submit();
        await(d -> d.getCurrentUrl().startsWith(LibertyServer.get().base() + "/portal/"), "the portal after sign-in");
        assertTrue(text().contains("Signed in as " + user), text());
    }

    private static void signOut() throws Exception {
        browser.findElement(By.cssSelector("form.signout button")).click();
        await(d -> d.getCurrentUrl().endsWith("/portal/signed-out"), "sign-out");
    }

    /** Waits for a condition; on timeout the page is kept as a screenshot and its text goes into the failure. */
    private static void await(java.util.function.Function<WebDriver, Boolean> condition, String what) throws Exception {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("failed-" + what.replaceAll("\\W+", "-"));
            throw new AssertionError("timed out waiting for " + what + " at " + browser.getCurrentUrl() + ":\n" + text(), e);
        }
    }

    private static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Every visible form control has a label (WCAG 1.3.1, 4.1.2). */
    private static void everyControlIsLabelled() {
        Object unlabelled = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('input:not([type=hidden]),select,textarea'))"
                        + ".filter(e => e.labels.length === 0).map(e => e.name)");
        assertEquals(List.of(), unlabelled, "controls without a label on " + browser.getCurrentUrl());
    }

    @Test
    void ownerRequestsAuditorApprovesGateTurnsWarnAndThePdfVerifies() throws Exception {
        String page = failingVersion("portal-e2e");

        signIn("owner");
        browser.get(page);
        assertTrue(text().contains("Gate: \u2716 FAIL"), text());
        assertTrue(browser.findElements(By.cssSelector("svg.chart")).size() >= 1, "a chart of the impact ratios");
        assertTrue(text().contains("29 CFR 1607.4(D)"), "the rule cites its regulation");
        everyControlIsLabelled();
        shot("1-owner-failing-version");
        new Select(browser.findElement(By.id("rule"))).selectByValue("four-fifths-impact-ratio");
        browser.findElement(By.id("justification")).sendKeys("The evaluation sample over-represents one branch; a re-sample is scheduled.");
        browser.findElement(By.cssSelector("form.waiver-request button")).click();
        await(d -> d.getCurrentUrl().endsWith("#waivers"), "the waiver request to land");
        assertTrue(text().contains("pending"), text());
        shot("2-owner-waiver-requested");
        signOut();

        signIn("auditor");
        browser.get(LibertyServer.get().base() + "/portal/waivers");
        WebElement pending = browser.findElements(By.cssSelector("article.waiver")).stream()
                .filter(a -> a.getText().contains("portal-e2e")).findFirst().orElseThrow();
        everyControlIsLabelled();
        WebElement evidence = pending.findElement(By.cssSelector("table.evidence"));
        assertTrue(evidence.getText().contains("The failing evidence: four-fifths-impact-ratio")
                && !evidence.findElements(By.cssSelector("tbody tr")).isEmpty(), "the failing evidence is on the card: " + pending.getText());
        pending.findElement(By.cssSelector("form.approve textarea")).sendKeys("Accepted until the re-sample lands.");
        pending.findElement(By.cssSelector("form.approve input[name=confirm]")).click();
        pending.findElement(By.xpath(".//form[contains(@class,'approve')]//button[text()='Approve']")).click();
        await(d -> d.getCurrentUrl().contains("#waiver-"), "the approval to land");
        shot("3-auditor-approved");
        browser.get(page);
        assertTrue(text().contains("Gate: \u26a0 WARN"), text());
        shot("4-gate-warn");
        // With its gate at WARN the version may serve in staging (the environment that takes WARN): the version page
        // links to its deployment page, whose every control is labelled.
        Api ci = Api.anonymous().withAuthorization("Bearer " + Api.ciServiceAccountToken());
        Api.Reply staged = ci.send("POST", "/api/v1/models/portal-e2e/deployments", "application/json",
                "{\"version\":\"1.0.0\",\"environment\":\"staging\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, staged.status(), staged.text());
        browser.get(page);
        browser.findElement(By.cssSelector("#deployed a")).click();
        await(d -> d.getCurrentUrl().contains("/portal/deployments/"), "the deployment page");
        assertTrue(text().contains("Health: ? unknown") && text().contains("No window has been audited yet."), text());
        everyControlIsLabelled();
        shot("4b-deployment");
        browser.get(page);


        // Download the signed PDF of the audit and verify it on the verify page.
        browser.findElement(By.linkText("PDF")).click();
        File pdf = awaitDownload();
        browser.get(LibertyServer.get().base() + "/portal/verify");
        everyControlIsLabelled();
        browser.findElement(By.id("pdf")).sendKeys(pdf.getAbsolutePath());
        browser.findElement(By.cssSelector("form.verify button")).click();
        await(d -> !d.findElements(By.id("verdict")).isEmpty(), "the verdict");
        String verdict = browser.findElement(By.id("verdict")).getText();
        assertTrue(verdict.contains("\u2714 Valid"), verdict);
        shot("5-pdf-verified");

        // The main pages an auditor reads, kept as screenshots for review.
        String base = LibertyServer.get().base().toString();
        browser.get(base + "/portal/");
        assertTrue(text().contains("loan-approval"), text());
        shot("main-dashboard");
        browser.get(base + "/portal/models/loan-approval/versions/1.0.0");
        assertTrue(text().contains("Why this decision"), text());
        shot("main-demo-version");
        browser.get(base + "/portal/models/loan-approval/compare?a=1.0.0&b=1.1.0");
        shot("main-compare");
        browser.get(base + "/portal/policies/nyc-ll144");
        shot("main-policy-checklist");
        browser.get(base + "/portal/ledger");
        assertTrue(text().contains("Chain verified"), text());
        shot("main-ledger");
        signOut();
    }

    @Test
    void nobodyApprovesTheirOwnWaiver() throws Exception {
        String page = failingVersion("portal-self");
        signIn("admin");
        browser.get(page);
        browser.findElement(By.id("justification")).sendKeys("An admin asks, and must not be the one who approves it.");
        browser.findElement(By.cssSelector("form.waiver-request button")).click();
        await(d -> d.getCurrentUrl().endsWith("#waivers"), "the waiver request to land");
        browser.get(LibertyServer.get().base() + "/portal/waivers");
        WebElement own = browser.findElements(By.cssSelector("article.waiver")).stream()
                .filter(a -> a.getText().contains("portal-self")).findFirst().orElseThrow();
        assertTrue(own.findElements(By.tagName("button")).isEmpty(), "no approve button on one's own waiver");
        assertTrue(own.getText().contains("another auditor decides it"), own.getText());
        // Forging the form anyway: the server refuses (the same service as the API).
        String id = own.getAttribute("id").substring("waiver-".length());
        String csrf = browser.findElement(By.cssSelector("form.signout input[name=csrf]")).getAttribute("value");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/portal/waivers/' + arguments[0] + '/approve', {method: 'POST', headers: {'Content-Type': "
                        + "'application/x-www-form-urlencoded'}, body: 'comment=mine&confirm=on&csrf=' + encodeURIComponent(arguments[1])})"
                        + ".then(r => done(r.status));", id, csrf);
        assertEquals(403L, status);
        shot("6-self-approval-refused");
        signOut();
    }

    /**
     * Every portal page, as an auditor (who sees the most) and signed out (the verify page), at 1400 and at 390 px
     * wide (a phone): axe-core's WCAG 2.0/2.1 A and AA rules find no violation, and at 390 px the page itself never
     * scrolls sideways (wide tables and charts scroll inside their own box). Screenshots of each page at both widths
     * are kept in target/portal-screenshots.
     */
    @Test
    void everyPagePassesWcag21AaAtDesktopAndPhoneWidths() throws Exception {
        String base = LibertyServer.get().base().toString();
        Api auditor = Api.keycloakUser("auditor");
        JsonObject gate = auditor.get("/api/v1/models/loan-approval/versions/1.0.0/gate").json();
        String audit = gate.getString("audit");
        String deployment = auditor.get("/api/v1/models/loan-approval/deployments").json().getJsonArray("deployments")
                .getJsonObject(0).getString("id");
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("dashboard", "/portal/");
        pages.put("model", "/portal/models/loan-approval");
        pages.put("version", "/portal/models/loan-approval/versions/1.0.0");
        pages.put("audit", "/portal/audits/" + audit);
        pages.put("ll144-summary", "/portal/audits/" + audit + "/summary.html");
        pages.put("deployment", "/portal/deployments/" + deployment);
        pages.put("compare", "/portal/models/loan-approval/compare?a=1.0.0&b=1.1.0");
        pages.put("waivers", "/portal/waivers");
        pages.put("policies", "/portal/policies");
        pages.put("policy", "/portal/policies/nyc-ll144");
        pages.put("ledger", "/portal/ledger");
        pages.put("verify", "/portal/verify");
        List<String> problems = new java.util.ArrayList<>();
        signIn("auditor");
        try {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                problems.addAll(check(page.getKey(), base + page.getValue()));
            }
            signOut();
            problems.addAll(check("verify-signed-out", base + "/portal/verify"));
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1600));
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** The page at both widths: axe-core's violations and, on a phone, sideways scrolling. */
    private static List<String> check(String name, String url) throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        for (int width : new int[] {1400, 390}) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
            browser.get(url);
            await(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")), name + " loaded");
            shot("wcag-" + name + "-" + width);
            String violations = axe();
            if (!violations.equals("[]")) {
                problems.add(name + " at " + width + " px: " + violations);
            }
            if (width == 390) {
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "const w = document.documentElement.clientWidth;"
                                + "if (document.documentElement.scrollWidth <= w) return null;"
                                + "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w + 1"
                                + " && getComputedStyle(e).position !== 'fixed').slice(0, 5)"
                                + ".map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''))"
                                + ".join(', ') + ' wider than ' + w + ' px';");
                if (overflow != null) {
                    problems.add(name + " at 390 px scrolls sideways: " + overflow);
                }
            }
        }
        return problems;
    }

    /** axe-core's WCAG 2.0/2.1 A and AA violations on the current page, as JSON (rule, impact, first targets). */
    private static String axe() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            try (var in = PortalBrowserIT.class.getResourceAsStream("/axe.min.js")) {
                assertTrue(in != null, "axe.min.js (com.deque.html.axe-core:selenium) on the test class path");
                js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return String.valueOf(js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(JSON.stringify(r.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.length, first: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))"
                        + ".catch(e => done('axe failed: ' + e));"));
    }

    private static File awaitDownload() throws Exception {
        for (int i = 0; i < 100; i++) {
            File[] pdfs = downloads.toFile().listFiles((dir, name) -> name.endsWith(".pdf"));
            if (pdfs != null && pdfs.length > 0) {
                return pdfs[0];
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no PDF downloaded into " + downloads);
    }
}
