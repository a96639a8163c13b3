package dev.assay.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.assay.it.OidcIdentityIT.csrf;
import static dev.assay.it.OidcIdentityIT.get;
import static dev.assay.it.OidcIdentityIT.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's pages over plain HTTP (so, without JavaScript) in local mode: what each role sees
 * and may do with a session, escaping of data, the compare and ledger pages, and the public verify
 * page. The browser journey is {@link PortalBrowserIT}.
 */
@ExtendWith(LibertyServer.class)
class PortalPagesIT {

    private static final String VERSION = "/portal/models/loan-approval/versions/1.0.0";

    private static String demoPassword(String user) throws Exception {
        String log = LibertyServer.firstStartLog();
        Matcher m = Pattern.compile(" " + user + " \\([a-z-]+\\) password (\\S+)").matcher(log);
        assertTrue(m.find(), "demo user " + user + " in the log");
        return m.group(1);
    }

    private static HttpClient signedIn(String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieJar()).followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = LibertyServer.get().base();
        String token = csrf(get(browser, base.resolve("/portal/login")).body());
        HttpResponse<String> r = post(browser, base.resolve("/portal/login"), "username=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + token + "&next=%2Fportal%2F");
        assertEquals(303, r.statusCode(), r.body());
        return browser;
    }

    @Test
    void aModelOwnerSeesFindingsChartsAndCitationsButNotTheLedgerAndDecidesNoWaiver() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient owner = signedIn("owner", demoPassword("owner"));
        HttpResponse<String> dashboard = get(owner, base.resolve("/portal/"));
        assertTrue(dashboard.body().contains("loan-approval") && dashboard.body().contains("Recent audits"), dashboard.body());
        assertFalse(dashboard.body().contains("Waivers awaiting your decision"), "owners decide no waivers");
        // What is deployed where: the demo's 1.1.0 serves production, its drift has made it failing.
        assertTrue(dashboard.body().contains("production 1.1.0") && dashboard.body().contains("/portal/deployments/")
                && dashboard.body().contains("health-failing"), dashboard.body());

        HttpResponse<String> version = get(owner, base.resolve(VERSION));
        assertEquals(200, version.statusCode());
        String html = version.body();
        assertTrue(html.contains("Gate: \u2716 FAIL"), "the gate in words and with an icon");
        assertTrue(html.contains("<svg class=\"chart\" role=\"img\""), "charts are server-side SVG");
        assertTrue(html.contains("<title id=\"chart-1-t\">four-fifths-impact-ratio by sex</title>"), html);
        assertTrue(html.contains("29 CFR 1607.4(D)"), "the citation");
        assertTrue(html.contains("\u2716 fail"), "the failing group's outcome in words");
        assertTrue(html.contains("class=\"waiver-request\""), "a model owner may request a waiver");
        assertTrue(html.contains("/portal/audits/") && html.contains("/report.pdf"), "download links");

        assertEquals(403, get(owner, base.resolve("/portal/ledger")).statusCode());
        // A browser (it asks for text/html) meets errors as portal pages with the same status; tools keep problem+json.
        HttpResponse<String> forbidden = owner.send(java.net.http.HttpRequest.newBuilder(base.resolve("/portal/ledger"))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), forbidden.headers().toString());
        assertTrue(forbidden.body().contains("<h1>Not allowed</h1>") && forbidden.body().contains("Back to the dashboard"), forbidden.body());
        HttpResponse<String> missing = owner.send(java.net.http.HttpRequest.newBuilder(base.resolve("/portal/models/no-such-model/versions/9.9.9"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<main id=\"main\">") && missing.body().contains("no-such-model"), missing.body());
        HttpResponse<String> tool = get(owner, base.resolve("/portal/models/no-such-model/versions/9.9.9"));
        assertEquals(404, tool.statusCode());
        assertTrue(tool.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), tool.headers().toString());
        assertEquals(200, get(owner, base.resolve("/portal/waivers")).statusCode());
        // Deciding a waiver needs the auditor role, even with a valid CSRF token.
        HttpResponse<String> decide = post(owner, base.resolve("/portal/waivers/x/approve"), "comment=ok&csrf=" + csrf(html));
        assertEquals(403, decide.statusCode());
        // And a state change without the CSRF token is refused before anything else.
        assertEquals(403, post(owner, base.resolve(VERSION + "/waivers"), "rule=four-fifths-impact-ratio").statusCode());
        // A waiver request with problems is answered with the form and every problem, nothing stored.
        HttpResponse<String> invalid = post(owner, base.resolve(VERSION + "/waivers"),
                "rule=four-fifths-impact-ratio&justification=short&expiresOn=2020-01-01&csrf=" + csrf(html));
        assertEquals(422, invalid.statusCode());
        assertTrue(invalid.body().contains("/justification") && invalid.body().contains("/expiresAt"), invalid.body());
    }

    /** An audit against a pack with a validity (nyc-ll144: a year) shows on the version page until when it is valid. */
    @Test
    void theVersionPageSaysUntilWhenTheAuditIsValid() throws Exception {
        String model = "ll144-" + UUID.randomUUID().toString().substring(0, 8);
        Api ci = Api.withRoles("ci-gate");
        String version = WalkingSkeletonIT.register(ci, model);
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{\"policies\":[\"nyc-ll144\"]}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        String expiresAt = audit.json().getString("expiresAt");
        assertEquals(Instant.parse(audit.json().getString("finishedAt")).atOffset(java.time.ZoneOffset.UTC).plusYears(1).toInstant(),
                Instant.parse(expiresAt), "a year after the audit completed");
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String html = get(auditor, LibertyServer.get().base().resolve("/portal/models/" + model + "/versions/1.0.0")).body();
        // The instant for machines in datetime, for people to the minute in UTC (local-time.js rewrites it in the viewer's zone).
        assertTrue(html.contains("is valid until") && html.contains("<time datetime=\"" + expiresAt + "\">"
                + expiresAt.substring(0, 16).replace('T', ' ') + " UTC</time>"), html);
        // The LL144 summary to publish, linked beside the pack's findings, as a page and as a signed PDF.
        String id = audit.json().getString("id");
        assertTrue(html.contains("/portal/audits/" + id + "/summary.html") && html.contains("/portal/audits/" + id + "/summary.pdf"), html);
        HttpResponse<String> summary = get(auditor, LibertyServer.get().base().resolve("/portal/audits/" + id + "/summary.html"));
        assertEquals(200, summary.statusCode());
        assertTrue(summary.body().contains("Summary of the results of a bias audit") && summary.body().contains(model), summary.body());
        HttpResponse<byte[]> pdf = auditor.send(HttpRequest.newBuilder(LibertyServer.get().base().resolve("/portal/audits/" + id
                + "/summary.pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
    }

    /**
     * Hostile values in every place data reaches a page: a column name, group values, a model card
     * field, a policy pack's title and texts. Model names cannot carry markup at all: they are
     * validated to letters, digits, '.', '_' and '-'.
     */
    @Test
    void hostileValuesAreShownAsTextEverywhere() throws Exception {
        String model = "xss-" + UUID.randomUUID().toString().substring(0, 8);
        Api ci = Api.withRoles("ci-gate");
        assertTrue(ci.send("PUT", "/api/v1/models/%3Cscript%3E/versions/1.0.0", "application/yaml",
                WalkingSkeletonIT.CARD_YAML.formatted("<script>").getBytes(StandardCharsets.UTF_8)).status() >= 400);
        String version = "/api/v1/models/" + model + "/versions/1.0.0";
        String card = WalkingSkeletonIT.CARD_YAML.formatted(model).replace("owner: it@example.com", "owner: \"<script>alert('card')</script>\"");
        assertEquals(201, ci.send("PUT", version, "application/yaml", card.getBytes(StandardCharsets.UTF_8)).status());
        String[] lines = WalkingSkeletonIT.csv().split("\r\n");
        StringBuilder csv = new StringBuilder(lines[0]).append(",<img src=x onerror=alert(1)>\r\n");
        for (int i = 1; i < lines.length; i++) {
            csv.append(lines[i].replace(",F,", ",<script>alert('group')</script>,")).append(",0\r\n");
        }
        Api.Reply uploaded = ci.send("POST", version + "/datasets", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, uploaded.status(), uploaded.text());
        assertEquals(201, ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).status());

        String pack = "xss-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = Api.withRoles("admin");
        Api.Reply stored = admin.send("PUT", "/api/v1/policies/" + pack, "application/yaml", ("""
                id: %s
                version: 1.0.0
                title: "<script>alert('title')</script>"
                description: "<b onmouseover=alert(1)>pack</b>"
                rules:
                  - id: dp
                    description: "<iframe src=javascript:alert(1)>"
                    metric: demographic_parity_ratio
                    scope: protected
                    threshold: {comparator: ">=", value: 0.8}
                    severity: block
                    cites:
                      - regulation: "<a href=javascript:alert(1)>law</a>"
                """).formatted(pack).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, stored.status(), stored.text());

        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        URI base = LibertyServer.get().base();
        String page = get(auditor, base.resolve("/portal/models/" + model + "/versions/1.0.0")).body();
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the column name, as text");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;group&#39;)&lt;/script&gt;"), "the group value, as text");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;card&#39;)&lt;/script&gt;") || page.contains("\\u003cscript"),
                "the card field, as text");
        String policyPages = get(auditor, base.resolve("/portal/policies/" + pack)).body() + get(auditor, base.resolve("/portal/policies")).body();
        assertTrue(policyPages.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"), "the pack title, as text");
        for (String html : List.of(page, policyPages)) {
            for (String live : List.of("<script>alert", "<img src=x", "<iframe", "<b onmouseover", "<a href=javascript")) {
                assertFalse(html.contains(live), live + " reached a page as markup");
            }
        }
    }

    /**
     * Review in the portal without JavaScript: any audit of a version has its page (linked from the audits table);
     * an owner comments on a failing rule's findings, an auditor replies in the thread and signs the audit off with a
     * statement, and the version page names who signed off; an owner is offered no sign-off, and a refused comment
     * answers the page with the problem and keeps the draft.
     */
    @Test
    void anOwnerAndAnAuditorReviewAnAuditAndTheAuditorSignsItOff() throws Exception {
        URI base = LibertyServer.get().base();
        Api ci = Api.withRoles("ci-gate");
        String model = "portal-review-" + UUID.randomUUID().toString().substring(0, 8);
        String api = WalkingSkeletonIT.register(ci, model);
        Api.addOwners(model, "owner");
        assertEquals(201, ci.send("POST", api + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply done = ci.send("POST", api + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, done.status(), done.text());
        String id = done.json().getString("id");
        String versionPage = "/portal/models/" + model + "/versions/1.0.0";
        String auditPage = "/portal/audits/" + id;

        HttpClient owner = signedIn("owner", demoPassword("owner"));
        String version = get(owner, base.resolve(versionPage)).body();
        assertTrue(version.contains("href=\"" + auditPage + "\""), "the audits table and the review link lead to the audit's page");
        assertTrue(version.contains("No auditor has signed off the audit this gate rests on."), version);
        HttpResponse<String> page = get(owner, base.resolve(auditPage));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Comments on this rule&#39;s findings") || page.body().contains("Comments on this rule's findings"), page.body());
        assertFalse(page.body().contains("class=\"sign-off\""), "an owner is offered no sign-off");
        HttpResponse<String> commented = post(owner, base.resolve(auditPage + "/comments"), "finding=four-fifths-impact-ratio&body="
                + URLEncoder.encode("The F sample <b>is</b> from one branch.", StandardCharsets.UTF_8) + "&csrf=" + csrf(page.body()));
        assertEquals(303, commented.statusCode(), commented.body());
        String commentId = commented.headers().firstValue("Location").orElseThrow().replaceAll(".*#comment-", "");
        HttpResponse<String> refused = post(owner, base.resolve(auditPage + "/comments"), "finding=no-such-rule&body=kept+draft&csrf="
                + csrf(page.body()));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("/finding") && refused.body().contains("role=\"alert\""), refused.body());

        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String asAuditor = get(auditor, base.resolve(auditPage)).body();
        assertTrue(asAuditor.contains("The F sample &lt;b&gt;is&lt;/b&gt; from one branch."), "the comment, as text: " + asAuditor);
        assertTrue(asAuditor.contains("id=\"comment-" + commentId + "\""), asAuditor);
        assertTrue(asAuditor.contains("class=\"sign-off\"") && asAuditor.contains("type=\"checkbox\" name=\"confirm\" required"),
                "an auditor who does not own the model is offered the sign-off, with a confirmation");
        assertEquals(303, post(auditor, base.resolve(auditPage + "/comments"), "replyTo=" + commentId
                + "&body=Noted%3B+the+interval+reflects+it.&csrf=" + csrf(asAuditor)).statusCode());
        HttpResponse<String> unconfirmed = post(auditor, base.resolve(auditPage + "/sign-offs"),
                "statement=Reviewed.&csrf=" + csrf(asAuditor));
        assertEquals(422, unconfirmed.statusCode(), "the confirmation box is required by the server too");
        assertTrue(unconfirmed.body().contains("/confirm"), unconfirmed.body());
        HttpResponse<String> signed = post(auditor, base.resolve(auditPage + "/sign-offs"),
                "statement=Reviewed+the+findings+and+their+evidence.&confirm=on&csrf=" + csrf(asAuditor));
        assertEquals(303, signed.statusCode(), signed.body());

        String after = get(auditor, base.resolve(auditPage)).body();
        Matcher thread = Pattern.compile("id=\"comment-" + commentId + "\".*?Noted; the interval reflects it\\.", Pattern.DOTALL).matcher(after);
        assertTrue(thread.find(), "the reply is inside the thread it answers: " + after);
        assertTrue(after.contains("Signed off by <strong>auditor</strong>") && after.contains("Reviewed the findings and their evidence."), after);
        assertTrue(after.contains("You have signed this audit off.") && !after.contains("class=\"sign-off\""), "once per auditor");
        assertTrue(get(owner, base.resolve(versionPage)).body().contains("Signed off by <strong>auditor</strong>"), "shown on the version");
    }

    /**
     * The dashboard searched, filtered and sorted by its query string (a link to share), a bad parameter answered 400
     * with the page and the parameter named; the version page's switcher lists the model's versions.
     */
    @Test
    void theDashboardSearchesFiltersAndSortsAndTheVersionPageSwitchesVersions() throws Exception {
        URI base = LibertyServer.get().base();
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String audited = "dash-audited-" + tag;
        String bare = "dash-bare-" + tag;
        String api = WalkingSkeletonIT.register(ci, audited);
        WalkingSkeletonIT.register(ci, bare);
        Api.addOwners(audited, owner.person());
        assertEquals(201, ci.send("POST", api + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        assertEquals(201, ci.send("POST", api + "/audits?wait=60", "application/json", "{}".getBytes()).status());

        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String both = modelsTable(get(auditor, base.resolve("/portal/?q=" + tag)).body());
        assertTrue(both.contains(">" + audited + "<") && both.contains(">" + bare + "<"), both);
        String byOwner = modelsTable(get(auditor, base.resolve("/portal/?q=" + tag + "&owner=" + owner.person())).body());
        assertTrue(byOwner.contains(">" + audited + "<") && !byOwner.contains(">" + bare + "<"), "the owner filter: " + byOwner);
        assertTrue(byOwner.contains("its gate (1)") && byOwner.contains("hidden by the filters"), byOwner);
        String byPolicy = modelsTable(get(auditor, base.resolve("/portal/?q=" + tag + "&policy=eeoc-four-fifths")).body());
        assertTrue(byPolicy.contains(">" + audited + "<") && !byPolicy.contains(">" + bare + "<"), "the packs its audit applied");
        String byGate = modelsTable(get(auditor, base.resolve("/portal/?q=" + tag + "&gate=none")).body());
        assertTrue(!byGate.contains(">" + audited + "<") && byGate.contains(">" + bare + "<"), "no audit yet: NONE");
        String failingFirst = modelsTable(get(auditor, base.resolve("/portal/?q=" + tag + "&sort=gate&risk=HIGH")).body());
        assertTrue(failingFirst.indexOf(">" + audited + "<") >= 0
                && failingFirst.indexOf(">" + audited + "<") < failingFirst.indexOf(">" + bare + "<"), "FAIL before NONE: " + failingFirst);
        HttpResponse<String> bad = get(auditor, base.resolve("/portal/?sort=price&gate=maybe"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("/sort: must be model, gate, registered or versions") && bad.body().contains("/gate:"), bad.body());

        String version = get(auditor, base.resolve(VERSION)).body();
        Matcher switcher = Pattern.compile("<nav class=\"versions\" aria-label=\"Versions of this model\">(.*?)</nav>", Pattern.DOTALL)
                .matcher(version);
        assertTrue(switcher.find(), version);
        assertTrue(switcher.group(1).contains("href=\"/portal/models/loan-approval/versions/1.1.0\"")
                && switcher.group(1).contains("aria-current=\"page\""), switcher.group(1));
    }

    /** The dashboard's table of models (the recent audits below it list models too). */
    private static String modelsTable(String dashboard) {
        int start = dashboard.indexOf("<caption><span>Models");
        assertTrue(start >= 0, dashboard);
        return dashboard.substring(start, dashboard.indexOf("</table>", start));
    }

    @Test
    void auditorsSeeTheVerifiedLedgerAndCompareVersions() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        HttpResponse<String> ledger = get(auditor, base.resolve("/portal/ledger"));
        assertEquals(200, ledger.statusCode());
        assertTrue(ledger.body().contains("Chain verified"), ledger.body());
        HttpResponse<String> compare = get(auditor, base.resolve("/portal/models/loan-approval/compare?a=1.0.0&b=1.1.0"));
        assertEquals(200, compare.statusCode());
        assertTrue(compare.body().contains("selection_rate") && compare.body().contains("yes (intervals do not overlap)"),
                "the biased and the fair version differ significantly somewhere");
        HttpResponse<String> policy = get(auditor, base.resolve("/portal/policies/nyc-ll144"));
        assertEquals(200, policy.statusCode());
        assertTrue(policy.body().contains("6 RCNY") && policy.body().contains("SHA-256"), policy.body());
    }

    /**
     * What an auditor reads of COMPAS audited with {@code nyc-ll144} and {@code eeoc-four-fifths}, then with the
     * four-fifths failure waived (four eyes): the regulators' table per rule and scope with counts computed here from
     * the file, the reference and unknown categories, what "selected" means; the audit's decision as signed beside
     * the gate now, in one sentence, the waived failure naming its approver; the PDF with both intersection names whole
     * and "Page i of n" on every page.
     */
    @Test
    void anAuditorReadsTheRegulatorsTablesAndOneCoherentDecision() throws Exception {
        java.nio.file.Path file = SharedData.require("compas/compas-scores-two-years.csv");
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        Api approver = Api.withRoles("auditor");
        String model = "compas-readers";
        String version = "/api/v1/models/" + model + "/versions/2016";
        String card = CompasIT.CARD.replace("model: compas", "model: " + model);
        assertEquals(201, ci.send("PUT", version, "application/yaml", card.getBytes()).status());
        Api.addOwners(model, owner.person());
        assertEquals(201, ci.sendFile("POST", version + "/datasets", "text/csv", file).status());
        Api.Reply audited = ci.send("POST", version + "/audits?wait=120", "application/json",
                "{\"policies\":[\"nyc-ll144\",\"eeoc-four-fifths\"]}".getBytes());
        assertEquals(201, audited.status(), audited.text());
        String auditId = audited.json().getString("id");
        assertEquals("FAIL", audited.json().getString("decision"));

        // Independent counts: rows and "Low" (decile_score below 5) of African-American defendants.
        List<String> lines = Files.readAllLines(file);
        List<String> header = SharedData.fields(lines.get(0), ',');
        long rows = 0;
        long low = 0;
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = SharedData.fields(line, ',');
            if (f.get(header.indexOf("race")).equals("African-American")) {
                rows++;
                low += Integer.parseInt(f.get(header.indexOf("decile_score"))) < 5 ? 1 : 0;
            }
        }
        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String page = "/portal/models/" + model + "/versions/2016";
        String html = get(auditor, base.resolve(page)).body();
        String text = html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertTrue(text.contains("Selection rates and impact ratios by race"), text);
        assertTrue(text.contains("Selection rates and impact ratios by race*sex"), "the intersection has its table");
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "African-American %,d %,d %.4f", rows, low, (double) low / rows)),
                "rows, selected and the selection rate of African-American defendants: " + text);
        // The highest rate among the categories not excluded: "Other" (298 of 377 rated low risk).
        assertTrue(text.contains("Reference category: Other"), text);
        assertTrue(text.contains("Unknown category: 0 rows"), text);
        assertTrue(text.contains("Selected: score_text is Low (the model card&#39;s favourable outcome)."), text);
        // Asian (32 rows) is under 2% of 7,214: excluded from the LL144 ratios, its counts still shown.
        assertTrue(text.matches(".*Asian 32 \\d+ 0\\.\\d{4} - excluded.*"), text);
        assertTrue(text.contains("exclude below share 0.02"), "the rule's own parameters beside it");
        // Before the waiver: the decision as signed and the gate agree, and the failure blocks.
        assertTrue(text.contains("Audit's decision (as signed) Gate now (with waivers) FAIL FAIL"), text);
        assertTrue(text.contains("Blocking failures") && text.contains("The gate is FAIL, as the audit decided"), text);

        String expires = java.time.Instant.now().plus(30, java.time.temporal.ChronoUnit.DAYS)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Api.Reply requested = owner.send("POST", version + "/waivers", "application/json", ("{\"rule\":\"four-fifths-impact-ratio\","
                + "\"justification\":\"Risk scores are under review by the county; a re-validation is scheduled.\",\"expiresAt\":\""
                + expires + "\"}").getBytes());
        assertEquals(201, requested.status(), requested.text());
        assertEquals(200, approver.send("POST", "/api/v1/waivers/" + requested.json().getString("id") + "/approve", "application/json",
                "{\"comment\":\"Until the re-validation.\"}".getBytes()).status());
        assertEquals("WARN", ci.get(version + "/gate").json().getString("decision"));
        html = get(auditor, base.resolve(page)).body();
        text = html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        // After it: the version page says what the gate says, and why, in one sentence.
        assertTrue(text.contains("Audit's decision (as signed) Gate now (with waivers) FAIL WARN"), text);
        // The approver as the waiver records them (the person, and the token they acted through).
        assertTrue(text.matches(".*The audit decided FAIL \\(as signed\\); the gate is WARN because approved waivers cover every blocking"
                + " failure \\(four-fifths-impact-ratio approved by " + java.util.regex.Pattern.quote(approver.person())
                + "( \\(token [^)]+\\))? until " + expires.substring(0, 10) + " .*"), text);
        assertFalse(text.contains("Blocking failures"), "no failure blocks any more");
        assertTrue(text.contains("Failures waived") && text.contains("waived: approved by " + approver.person()), text);
        assertTrue(text.contains("Warnings (") && text.contains("Undefined results ("), text);

        Api.Reply pdf = approver.get("/api/v1/audits/" + auditId + "/report", "application/pdf");
        assertEquals(200, pdf.status());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            String all = stripper.getText(doc);
            assertTrue(all.contains("African-American*Male") && all.contains("African-American*Female"), all);
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                assertTrue(stripper.getText(doc).contains("Page " + i + " of " + doc.getNumberOfPages()), "page " + i);
            }
            assertTrue(all.replaceAll("\\s+", " ").contains(String.format(java.util.Locale.ROOT, "African-American %,d %,d", rows, low)), all);
        }
    }

    /**
     * COMPAS audited against NYC LL144 and the four-fifths rule: the version page's charts (an axis, parity at 1.0, the
     * threshold, n under each whole group name, undefined groups hatched with their reason), its numbers and instants,
     * and the dataset profile's race categories; the report PDF's text the same. Counts are recounted from the CSV file.
     */
    @Test
    void chartsNumbersAndCategoriesReadTheSameOnThePageAndInThePdf() throws Exception {
        java.nio.file.Path file = SharedData.require("compas/compas-scores-two-years.csv");
        Api ci = Api.withRoles("ci-gate");
        Api auditorApi = Api.withRoles("auditor");
        String model = "compas-charts";
        String version = "/api/v1/models/" + model + "/versions/2016";
        assertEquals(201, ci.send("PUT", version, "application/yaml", CompasIT.CARD.replace("model: compas", "model: " + model)
                .getBytes()).status());
        assertEquals(201, ci.sendFile("POST", version + "/datasets", "text/csv", file).status());
        Api.Reply audited = ci.send("POST", version + "/audits?wait=120", "application/json",
                "{\"policies\":[\"nyc-ll144\",\"eeoc-four-fifths\"]}".getBytes());
        assertEquals(201, audited.status(), audited.text());
        String auditId = audited.json().getString("id");

        // Independent counts from the file: rows per race, and per race and sex.
        List<String> lines = Files.readAllLines(file);
        List<String> header = SharedData.fields(lines.get(0), ',');
        Map<String, Long> races = new LinkedHashMap<>();
        Map<String, Long> raceSex = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = SharedData.fields(line, ',');
            races.merge(f.get(header.indexOf("race")), 1L, Long::sum);
            raceSex.merge(f.get(header.indexOf("race")) + "*" + f.get(header.indexOf("sex")), 1L, Long::sum);
        }
        // The signed report's findings: which groups each chart draws and which of them no rule could judge.
        jakarta.json.JsonObject report = auditorApi.get("/api/v1/audits/" + auditId + "/report", "application/json").json();
        List<jakarta.json.JsonObject> findings = report.getJsonArray("findings").getValuesAs(jakarta.json.JsonObject.class);
        String rule = findings.stream().filter(f -> "race*sex".equals(f.getString("scope", null))
                && "impact_ratio".equals(f.getString("metric"))).findFirst().orElseThrow().getString("rule");
        List<jakarta.json.JsonObject> intersection = findings.stream().filter(f -> rule.equals(f.getString("rule"))
                && "race*sex".equals(f.getString("scope", null))).toList();

        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String html = get(auditor, base.resolve("/portal/models/" + model + "/versions/2016")).body();
        Matcher svgs = Pattern.compile("<svg class=\"chart\" role=\"img\".*?</svg>", Pattern.DOTALL).matcher(html);
        org.w3c.dom.Document chart = null;
        while (svgs.find() && chart == null) {
            if (svgs.group().contains(">" + rule + " by race*sex</title>")) {
                javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                chart = xml.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(svgs.group())));
            }
        }
        assertTrue(chart != null, "the chart of " + rule + " by race*sex on the page");
        javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertEquals("1", xpath.evaluate("count(//line[@class='parity'])", chart), "parity at 1.0");
        assertEquals("1", xpath.evaluate("count(//line[@class='threshold'])", chart));
        assertTrue(Integer.parseInt(xpath.evaluate("count(//text[@class='tick'])", chart)) >= 3, "an axis with ticks");
        org.w3c.dom.NodeList labels = (org.w3c.dom.NodeList) xpath.evaluate("//text[@class='label']", chart,
                javax.xml.xpath.XPathConstants.NODESET);
        assertEquals(intersection.size(), labels.getLength());
        for (int i = 0; i < labels.getLength(); i++) {
            org.w3c.dom.Element label = (org.w3c.dom.Element) labels.item(i);
            StringBuilder whole = new StringBuilder();
            org.w3c.dom.NodeList spans = label.getElementsByTagName("tspan");
            String n = "";
            for (int k = 0; k < spans.getLength(); k++) {
                org.w3c.dom.Element span = (org.w3c.dom.Element) spans.item(k);
                if ("n".equals(span.getAttribute("class"))) {
                    n = span.getTextContent();
                } else {
                    whole.append(span.getTextContent());
                }
            }
            String group = intersection.get(i).getString("group");
            assertEquals(group, whole.toString(), "the whole group name, wrapped, never cut");
            long rows = raceSex.get(group);
            assertEquals(rows < 5 ? "n < 5" : String.format(java.util.Locale.ROOT, "n = %,d", rows), n, group);
        }
        long undefined = intersection.stream().filter(f -> "undefined".equals(f.getString("outcome", null))).count();
        assertTrue(undefined > 0, "COMPAS has groups under 2% of the data");
        assertEquals(String.valueOf(undefined), xpath.evaluate("count(//rect[@class='bar-undefined'])", chart),
                "every undefined group hatched, none drawn like a pass");
        jakarta.json.JsonObject firstUndefined = intersection.stream().filter(f -> "undefined".equals(f.getString("outcome", null)))
                .findFirst().orElseThrow();
        String why = firstUndefined.getString("undefined");
        assertTrue(xpath.evaluate("(//rect[@class='bar-undefined'])[1]/title", chart).endsWith(": " + why), why);
        // Numbers: counts with thousands separators in the findings table, tiny p-values said so.
        String text = html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        long africanAmericanMen = raceSex.get("African-American*Male");
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "race*sex African-American*Male %,d", africanAmericanMen)), text);
        if (findings.stream().anyMatch(f -> f.get("pAdjusted") instanceof jakarta.json.JsonNumber p && p.doubleValue() < 0.0001)) {
            assertTrue(html.contains("&lt; 0.0001"), "a tiny p-value reads < 0.0001");
        }
        // Instants: to the minute in UTC inside <time datetime>, and the script that shows them in the viewer's zone.
        Matcher times = Pattern.compile("<time datetime=\"([^\"]+)\">([^<]*)</time>").matcher(html);
        int checked = 0;
        while (times.find()) {
            assertEquals(times.group(1).substring(0, 16).replace('T', ' ') + " UTC", times.group(2), times.group());
            checked++;
        }
        assertTrue(checked >= 3, "audits, the dataset and the card carry times");
        assertTrue(html.contains("<script src=\"/portal/assets/local-time.js\" defer></script>"), html);
        Api.Reply script = Api.anonymous().get("/portal/assets/local-time.js");
        assertEquals(200, script.status());
        assertTrue(script.contentType().startsWith("text/javascript") && script.text().contains("toLocaleString"), script.text());
        // The profile: race's categories with their rows, recounted from the file (six races, all listed).
        for (Map.Entry<String, Long> race : races.entrySet()) {
            assertTrue(Pattern.compile("<span class=\"category\">" + Pattern.quote(race.getKey()) + "</span>\\s*<span class=\"count\">"
                    + Pattern.quote(String.format(java.util.Locale.ROOT, "%,d", race.getValue())) + "</span>").matcher(html).find(),
                    race + ": " + html);
        }

        Api.Reply pdf = auditorApi.get("/api/v1/audits/" + auditId + "/report", "application/pdf");
        assertEquals(200, pdf.status());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String all = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(all.contains("1 (parity)") && all.contains("threshold >= 0.8"), all);
            assertTrue(all.contains(String.format(java.util.Locale.ROOT, "African-American*Male (n = %,d)", africanAmericanMen)), all);
            assertTrue(all.contains(": " + why), all);
            Map.Entry<String, Long> most = races.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            assertTrue(all.contains(String.format(java.util.Locale.ROOT, "categories: %s %,d", most.getKey(), most.getValue())), all);
            assertTrue(all.matches(".*Completed \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC.*"), "the PDF states UTC");
        }
    }

    /**
     * A deployment with two hourly windows (a fair one, labels on 40 of its 60 rows; a biased one that fails
     * the four-fifths rule) and an alert receiver: its page shows the timeline with decisions in words, label
     * coverage, a chart per judged value with its title, and the deliveries; the version page lists where it
     * is deployed; an owner of other models meets 404, as for a deployment that does not exist.
     */
    @Test
    void theDeploymentPageShowsWindowsChartsCoverageAndAlerts() throws Exception {
        String model = "portal-dep-" + UUID.randomUUID().toString().substring(0, 8);
        Api ci = Api.withRoles("ci-gate");
        String version = "/api/v1/models/" + model + "/versions/1.0.0";
        assertEquals(201, ci.send("PUT", version, "application/yaml",
                MonitoringIT.CARD.formatted(model, "1.0.0").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv",
                MonitoringIT.evaluation(60, 30, 60, 30).getBytes(StandardCharsets.UTF_8)).status());
        Api.Reply audited = ci.send("POST", version + "/audits?wait=120", "application/json", "{}".getBytes());
        assertEquals(201, audited.status(), audited.text());
        // A receiver nobody listens at: the deliveries are recorded (and retried) all the same.
        String receiver = "portal-it-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.admin().send("PUT", "/api/v1/alert-receivers/" + receiver, "application/json",
                ("{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"window.failed\",\"deployment.health\"],"
                        + "\"secret\":\"portal-it-secret-0123456\"}").getBytes()).status());
        Api.Reply deployed = ci.send("POST", "/api/v1/models/" + model + "/deployments", "application/json",
                ("{\"version\":\"1.0.0\",\"environment\":\"production\",\"monitoring\":{\"policies\":[\"post-market-monitoring\"],"
                        + "\"window\":\"PT1H\",\"minimumLabelCoverage\":0.5}}").getBytes());
        assertEquals(201, deployed.status(), deployed.text());
        String id = deployed.json().getString("id");
        String d = "/api/v1/deployments/" + id;
        String fair = MonitoringIT.predictions(1, 30, 15, 15, MonitoringIT.W1);
        String biased = MonitoringIT.predictions(101, 30, 6, 18, MonitoringIT.W2);
        assertEquals(201, ci.send("POST", d + "/predictions?batch=p1", "text/csv", fair.getBytes()).status());
        assertEquals(201, ci.send("POST", d + "/predictions?batch=p2", "text/csv", biased.getBytes()).status());
        assertEquals(201, ci.send("POST", d + "/labels?batch=l1", "application/x-ndjson",
                MonitoringIT.labels(1, 40, fair).getBytes()).status());
        Api.Reply closed = ci.send("POST", d + "/windows/close?until=" + MonitoringIT.W2.plusSeconds(3600), "application/json", new byte[0]);
        assertEquals(200, closed.status(), closed.text());
        Api auditorApi = Api.withRoles("auditor");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(180).toNanos();
        List<jakarta.json.JsonObject> windows = List.of();
        while (System.nanoTime() < deadline) {
            windows = auditorApi.get(d + "/windows").json().getJsonArray("windows").getValuesAs(jakarta.json.JsonObject.class);
            if (windows.size() == 2 && windows.stream().allMatch(w -> w.getString("status").equals("DONE"))) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals(List.of("PASS", "FAIL"), windows.stream().map(w -> w.getString("decision")).toList(), windows.toString());

        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        HttpResponse<String> page = get(auditor, base.resolve("/portal/deployments/" + id));
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains("Health: \u2716 failing"), "health in a word with an icon: " + html);
        for (Instant start : List.of(MonitoringIT.W1, MonitoringIT.W2)) {
            // Each window's start for machines in datetime, for people to the minute in UTC.
            assertTrue(html.contains("<time datetime=\"" + start + "\">" + start.toString().substring(0, 16).replace('T', ' ') + " UTC</time>"),
                    "a timeline row per window: " + html);
        }
        String timeline = html.substring(html.indexOf("class=\"timeline\""));
        timeline = timeline.substring(0, timeline.indexOf("</table>"));
        assertTrue(timeline.indexOf("\u2714 PASS") >= 0 && timeline.indexOf("\u2714 PASS") < timeline.indexOf("\u2716 FAIL"),
                "the decisions in words, oldest first: " + timeline);
        // 40 of 60 labelled: 66.67%, a share written to one decimal.
        assertTrue(html.contains("66.7% (40 of 60)") && html.contains("0% (0 of 60)") && html.contains("below the minimum"),
                "label coverage per window");
        assertTrue(html.contains("/portal/audits/" + windows.get(1).getString("audit") + "/report.pdf"), "the window's signed report");
        assertTrue(html.contains(">impact_ratio, sex = F</title>") && html.contains(">label coverage</title>"), "charts with titles");
        assertTrue(html.contains("<svg class=\"chart series\" role=\"img\"") && html.contains("class=\"threshold\""), html);
        assertTrue(html.contains("release audit&#39;s value") || html.contains("release audit's value"), "the reference value");
        assertTrue(html.contains("<td>window.failed</td>"), "the alert told about the failed window: " + html);

        HttpResponse<String> versionPage = get(auditor, base.resolve("/portal/models/" + model + "/versions/1.0.0"));
        assertEquals(200, versionPage.statusCode());
        assertTrue(versionPage.body().contains("href=\"/portal/deployments/" + id + "\"")
                && versionPage.body().contains("\u2716 failing"), "the version page says where it is deployed");

        HttpClient owner = signedIn("owner", demoPassword("owner"));
        assertEquals(404, get(owner, base.resolve("/portal/deployments/" + id)).statusCode(), "not the demo owner's model");
        HttpResponse<String> ownerPage = get(owner, base.resolve("/portal/deployments/no-such-deployment"));
        assertEquals(404, ownerPage.statusCode());
    }

    /** The model page: every version with its gate, what is deployed where, the history; linked from the dashboard. */
    @Test
    void theModelPageListsVersionsGatesAndWhatIsDeployedWhere() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        assertTrue(get(auditor, base.resolve("/portal/")).body().contains("href=\"/portal/models/loan-approval\""),
                "the dashboard links the model's page");
        HttpResponse<String> page = get(auditor, base.resolve("/portal/models/loan-approval"));
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        Api api = Api.withRoles("auditor");
        for (String version : List.of("1.0.0", "1.1.0")) {
            String gate = api.get("/api/v1/models/loan-approval/versions/" + version + "/gate").json().getString("decision");
            String versions = html.substring(html.indexOf("id=\"versions\""), html.indexOf("id=\"history\""));
            String row = versions.substring(versions.indexOf("href=\"/portal/models/loan-approval/versions/" + version + "\">" + version));
            row = row.substring(0, row.indexOf("</tr>"));
            assertTrue(row.contains("gate-" + gate.toLowerCase(java.util.Locale.ROOT)), "version " + version + " with its gate " + gate + ": " + row);
        }
        jakarta.json.JsonObject production = api.get("/api/v1/models/loan-approval/deployments").json().getJsonArray("deployments")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(d -> d.getString("environment").equals("production") && d.isNull("until")).findFirst().orElseThrow();
        String serving = html.substring(html.indexOf("id=\"serving\""), html.indexOf("id=\"versions\""));
        assertTrue(serving.contains(">production<") && serving.contains(">" + production.getString("version") + "<")
                && serving.contains("href=\"/portal/deployments/" + production.getString("id") + "\"")
                && serving.contains("health-" + api.get("/api/v1/deployments/" + production.getString("id")).json().getString("health")),
                "what is deployed where, with its health: " + serving);
        assertTrue(html.contains("Deployment history"), html);
        assertTrue(get(auditor, base.resolve(VERSION)).body().contains("href=\"/portal/models/loan-approval\""),
                "the version page's breadcrumbs lead to the model");
        assertEquals(404, get(auditor, base.resolve("/portal/models/no-such-model")).statusCode());
        HttpClient owner = signedIn("owner", demoPassword("owner"));
        String other = "portal-model-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.withRoles("ci-gate").send("PUT", "/api/v1/models/" + other + "/versions/1.0.0", "application/yaml",
                MonitoringIT.CARD.formatted(other, "1.0.0").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(404, get(owner, base.resolve("/portal/models/" + other)).statusCode(), "not the demo owner's model: as absent");
    }

    /** The ledger entries about {@code subject}, newest first, through the API's subject filter (the portal's reference). */
    private static List<jakarta.json.JsonObject> entriesAbout(Api reader, String subject) throws Exception {
        Api.Reply r = reader.get("/api/v1/ledger?limit=1000&subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.text());
        List<jakarta.json.JsonObject> entries = new java.util.ArrayList<>(r.json().getJsonArray("entries").getValuesAs(jakarta.json.JsonObject.class));
        assertTrue(entries.stream().allMatch(e -> e.getString("subject").equals(subject)), "the API's subject filter: " + entries);
        java.util.Collections.reverse(entries);
        return entries;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String unhtml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static List<org.apache.commons.csv.CSVRecord> csvRecords(String csv) throws Exception {
        try (var p = org.apache.commons.csv.CSVParser.builder().setReader(new java.io.StringReader(csv))
                .setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get()) {
            return p.getRecords();
        }
    }

    /** The cells of every body row of the first table after {@code marker}, as text. */
    private static List<List<String>> tableRows(String html, String marker) {
        String table = html.substring(html.indexOf(marker));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<List<String>> rows = new java.util.ArrayList<>();
        Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (tr.find()) {
            List<String> cells = new java.util.ArrayList<>();
            Matcher td = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL).matcher(tr.group(1));
            while (td.find()) {
                cells.add(unhtml(td.group(1).replaceAll("<[^>]+>", "").strip()));
            }
            rows.add(cells);
        }
        return rows;
    }

    /**
     * A version's timeline (issue 19 §8): registered, the upload, the audit requested and completed (FAIL, in a word) and
     * signed off, a deployment refused by the gate, a waiver requested and approved, a deployment on the waived gate, newest
     * first with each entry's time and actor exactly as the ledger (read through the API's filters) recorded them.
     */
    @Test
    void theVersionPageTellsItsTimelineNewestFirstFromTheLedger() throws Exception {
        String model = "trail-" + UUID.randomUUID().toString().substring(0, 8);
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        Api auditorApi = Api.withRoles("auditor");
        String version = WalkingSkeletonIT.register(ci, model);
        Api.addOwners(model, owner.person());
        Api.Reply uploaded = ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes());
        assertEquals(201, uploaded.status(), uploaded.text());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        assertEquals("FAIL", audit.json().getString("decision"), "F is selected at 0.3, M at 0.5: a ratio of 0.6");
        Api.Reply signed = auditorApi.send("POST", "/api/v1/audits/" + audit.json().getString("id") + "/sign-offs", "application/json",
                "{\"statement\":\"Reviewed the findings and the data's provenance.\"}".getBytes());
        assertEquals(201, signed.status(), signed.text());
        String deployments = "/api/v1/models/" + model + "/deployments";
        assertEquals(409, ci.send("POST", deployments, "application/json",
                "{\"version\":\"1.0.0\",\"environment\":\"production\"}".getBytes()).status(), "a FAIL gate is not deployed");
        Api.Reply waiver = owner.send("POST", version + "/waivers", "application/json", ("{\"rule\":\"four-fifths-impact-ratio\","
                + "\"justification\":\"A re-validation of the model is scheduled for next month.\",\"expiresAt\":\""
                + Instant.now().plus(java.time.Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}").getBytes());
        assertEquals(201, waiver.status(), waiver.text());
        assertEquals(200, auditorApi.send("POST", "/api/v1/waivers/" + waiver.json().getString("id") + "/approve", "application/json",
                "{\"comment\":\"Until the re-validation.\"}".getBytes()).status());
        Api.Reply deployed = ci.send("POST", deployments, "application/json", "{\"version\":\"1.0.0\",\"environment\":\"staging\"}".getBytes());
        assertEquals(201, deployed.status(), "staging accepts WARN in the tests' server: " + deployed.text());

        List<jakarta.json.JsonObject> expected = new java.util.ArrayList<>();
        for (String subject : List.of(model + "@1.0.0", uploaded.json().getString("id"), audit.json().getString("id"),
                waiver.json().getString("id"), deployed.json().getString("id"))) {
            expected.addAll(entriesAbout(auditorApi, subject));
        }
        // The refused deployment names the version by its id: found by kind and day, and by the model its payload names.
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        expected.addAll(auditorApi.get("/api/v1/ledger?limit=1000&kind=deployment.refused&from=" + today).json().getJsonArray("entries")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(e -> e.getJsonObject("payload").getString("model").equals(model)).toList());
        expected.sort(java.util.Comparator.comparing((jakarta.json.JsonObject e) -> e.getJsonNumber("seq").longValue()).reversed());
        assertEquals(List.of("deployment.created", "waiver.approved", "waiver.requested", "deployment.refused", "audit.signed-off",
                "audit.completed", "audit.requested", "dataset.ingested", "version.registered"),
                expected.stream().map(e -> e.getString("kind")).toList());

        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String page = get(auditor, LibertyServer.get().base().resolve("/portal/models/" + model + "/versions/1.0.0")).body();
        String timeline = page.substring(page.indexOf("id=\"timeline\""));
        timeline = timeline.substring(0, timeline.indexOf("</table>"));
        Matcher rows = Pattern.compile("<tr data-kind=\"([a-z.-]+)\">(.*?)</tr>", Pattern.DOTALL).matcher(timeline);
        int i = 0;
        while (rows.find()) {
            jakarta.json.JsonObject entry = expected.get(i++);
            assertEquals(entry.getString("kind"), rows.group(1), "newest first: row " + i);
            String row = rows.group(2);
            assertTrue(row.contains("<time datetime=\"" + entry.getString("at") + "\">"), "the entry's time: " + row);
            assertTrue(row.contains("<td>" + html(entry.getString("actor")) + "</td>"), "the entry's actor: " + row);
        }
        assertEquals(expected.size(), i, "one row per ledger entry of the version: " + timeline);
        String completed = timeline.substring(timeline.indexOf("data-kind=\"audit.completed\""));
        completed = completed.substring(0, completed.indexOf("</tr>"));
        assertTrue(completed.contains("completed: FAIL (four-fifths-impact-ratio)") && completed.contains("\u2716 FAIL")
                && completed.contains("href=\"/portal/audits/" + audit.json().getString("id") + "\""), "linked to the audit's page: " + completed);
        assertTrue(timeline.contains("signed off: Reviewed the findings and the data&#39;s provenance.")
                && timeline.contains("<td>" + html(auditorApi.person())), "the sign-off and its auditor: " + timeline);
        assertTrue(timeline.contains("Deployed to staging on gate WARN") && timeline.contains("href=\"/portal/deployments/"
                + deployed.json().getString("id") + "\""), timeline);
        assertTrue(timeline.contains("Deployment to production refused: the gate was FAIL, the environment requires PASS"), timeline);
        assertTrue(timeline.contains("Waiver for four-fifths-impact-ratio approved: Until the re-validation."), timeline);
    }

    /**
     * The ledger page (issue 19 §8): filtered by subject, by a family of kinds with an actor and a day, paged with a bounded
     * page size, subjects linked to their pages, the selection as CSV (the same rows as the API's, formula-safe), and a
     * bad parameter answered with a 400 page naming it; the API's listing takes the same filters and answers text/csv.
     */
    @Test
    void theLedgerPageFiltersPagesLinksAndExportsCsv() throws Exception {
        String model = "ledger-" + UUID.randomUUID().toString().substring(0, 8);
        Api ci = Api.withRoles("ci-gate");
        Api auditorApi = Api.withRoles("auditor");
        String version = WalkingSkeletonIT.register(ci, model);
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        String auditId = audit.json().getString("id");
        List<jakarta.json.JsonObject> about = entriesAbout(auditorApi, auditId);
        assertEquals(List.of("audit.completed", "audit.requested"), about.stream().map(e -> e.getString("kind")).toList());

        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        HttpResponse<String> bySubject = get(auditor, base.resolve("/portal/ledger?subject=" + auditId));
        assertEquals(200, bySubject.statusCode(), bySubject.body());
        List<List<String>> rows = tableRows(bySubject.body(), "class=\"ledger\"");
        assertEquals(about.stream().map(e -> List.of(String.valueOf(e.getJsonNumber("seq").longValue()), e.getString("kind"), auditId,
                e.getString("actor"))).toList(), rows.stream().map(r -> List.of(r.get(0), r.get(2), r.get(3), r.get(4))).toList(),
                "newest first, the entries the API has about the audit");
        assertTrue(bySubject.body().contains("href=\"/portal/audits/" + auditId + "\""), "the audit's entries link to its page");
        assertTrue(bySubject.body().contains("value=\"" + auditId + "\""), "the form keeps the filter");
        assertTrue(bySubject.body().contains("Chain verified"), bySubject.body());

        String ciActor = about.get(1).getString("actor");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String family = "/portal/ledger?kind=audit&actor=" + URLEncoder.encode(ciActor, StandardCharsets.UTF_8) + "&from=" + today + "&to=" + today;
        List<List<String>> byActor = tableRows(get(auditor, base.resolve(family)).body(), "class=\"ledger\"");
        assertEquals(List.of(List.of(String.valueOf(about.get(1).getJsonNumber("seq").longValue()), "audit.requested")),
                byActor.stream().map(r -> List.of(r.get(0), r.get(2))).toList(), "the family, the actor and the day: " + byActor);
        HttpResponse<String> versionPage = get(auditor, base.resolve("/portal/ledger?kind=version.registered&subject=" + model + "%401.0.0"));
        assertTrue(versionPage.body().contains("href=\"/portal/models/" + model + "/versions/1.0.0\""), "a version links to its page");

        HttpResponse<String> first = get(auditor, base.resolve("/portal/ledger?kind=audit&limit=1"));
        List<List<String>> one = tableRows(first.body(), "class=\"ledger\"");
        assertEquals(1, one.size(), "one entry a page");
        Matcher older = Pattern.compile("href=\"(/portal/ledger\\?kind=audit&amp;limit=1&amp;before=(\\d+))\" rel=\"next\"").matcher(first.body());
        assertTrue(older.find(), first.body());
        assertEquals(one.get(0).get(0), older.group(2), "the next page starts below the last entry shown");
        List<List<String>> second = tableRows(get(auditor, base.resolve(unhtml(older.group(1)))).body(), "class=\"ledger\"");
        assertEquals(1, second.size());
        assertTrue(Long.parseLong(second.get(0).get(0)) < Long.parseLong(one.get(0).get(0)) && second.get(0).get(2).startsWith("audit."),
                "older, and of the same family: " + second);

        assertTrue(bySubject.body().contains("href=\"/portal/ledger/export.csv?subject=" + auditId + "\""), "the CSV of the same filters");
        HttpResponse<String> csv = get(auditor, base.resolve("/portal/ledger/export.csv?subject=" + auditId));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        List<org.apache.commons.csv.CSVRecord> records = csvRecords(csv.body());
        assertEquals(List.of("seq", "at", "kind", "subject", "actor", "payload", "prev", "hash"), records.get(0).toList());
        assertEquals(about.stream().map(e -> List.of(String.valueOf(e.getJsonNumber("seq").longValue()), e.getString("kind"),
                e.getString("actor"), e.getString("hash"))).toList(), records.subList(1, records.size()).stream()
                .map(r -> List.of(r.get(0), r.get(2), r.get(4), r.get(7))).toList());
        Api.Reply apiCsv = auditorApi.get("/api/v1/ledger?subject=" + auditId, "text/csv");
        assertEquals(200, apiCsv.status(), apiCsv.text());
        assertTrue(apiCsv.contentType().startsWith("text/csv"), apiCsv.contentType());
        List<org.apache.commons.csv.CSVRecord> chainOrder = csvRecords(apiCsv.text());
        assertEquals(List.of(records.get(2).toList(), records.get(1).toList()), chainOrder.subList(1, chainOrder.size()).stream()
                .map(org.apache.commons.csv.CSVRecord::toList).toList(), "the API's CSV: the same rows, in chain order");
        assertTrue(auditorApi.get("/api/v1/ledger?subject=" + auditId).contentType().startsWith("application/json"), "JSON stays the default");

        HttpResponse<String> bad = auditor.send(HttpRequest.newBuilder(base.resolve("/portal/ledger?from=yesterday&limit=0&kind=Audit"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), bad.headers().toString());
        for (String name : List.of("kind", "from", "limit")) {
            assertTrue(bad.body().contains("&#39;" + name + "&#39;"), name + " named: " + bad.body());
        }
        assertEquals(400, get(auditor, base.resolve("/portal/ledger/export.csv?to=2026-01-01&from=2026-02-01")).statusCode());
        Api.Reply apiBad = auditorApi.get("/api/v1/ledger?actor=" + "a".repeat(321));
        assertEquals(400, apiBad.status());
        assertTrue(apiBad.text().contains("'actor'"), apiBad.text());

        HttpClient owner = signedIn("owner", demoPassword("owner"));
        assertEquals(403, get(owner, base.resolve("/portal/ledger/export.csv")).statusCode(), "the ledger is for auditors and admins");
    }

    /** The compare page's table as CSV (issue 19 §8): the same rows and cells as the page shows, for the same two versions. */
    @Test
    void theCompareTableDownloadsAsTheSameCsv() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        String page = get(auditor, base.resolve("/portal/models/loan-approval/compare?a=1.0.0&b=1.1.0")).body();
        assertTrue(page.contains("href=\"/portal/models/loan-approval/compare/table.csv?a=1.0.0&amp;b=1.1.0\""), page);
        HttpResponse<String> csv = get(auditor, base.resolve("/portal/models/loan-approval/compare/table.csv?a=1.0.0&b=1.1.0"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("assay-compare-loan-approval-1.0.0-1.1.0.csv"));
        List<org.apache.commons.csv.CSVRecord> records = csvRecords(csv.body());
        assertEquals(List.of("Metric", "Scope", "Group", "1.0.0", "1.1.0", "Change", "Significant", "Test"), records.get(0).toList());
        List<List<String>> shown = tableRows(page, "class=\"compare\"");
        assertTrue(shown.size() > 10, "the demo's metrics: " + shown.size());
        assertEquals(shown, records.subList(1, records.size()).stream().map(org.apache.commons.csv.CSVRecord::toList).toList(),
                "row for row and cell for cell what the page shows");

        HttpClient owner = signedIn("owner", demoPassword("owner"));
        String other = "compare-csv-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.withRoles("ci-gate").send("PUT", "/api/v1/models/" + other + "/versions/1.0.0", "application/yaml",
                MonitoringIT.CARD.formatted(other, "1.0.0").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(404, get(owner, base.resolve("/portal/models/" + other + "/compare/table.csv")).statusCode(),
                "another owner's model: as absent, as the page");
        assertEquals(200, get(owner, base.resolve("/portal/models/loan-approval/compare/table.csv")).statusCode(), "the demo owner's own");
    }

    /**
     * The model page's chart of each rule's worst group across versions (issue 19 §8): the value of the worst group in each
     * version's latest audit, computed here from the API's findings, with the threshold line; a version without an audit
     * drawn as undefined with its reason, not as 0.
     */
    @Test
    void theModelPageChartsEachRulesWorstGroupAcrossVersions() throws Exception {
        String model = "trend-" + UUID.randomUUID().toString().substring(0, 8);
        Api ci = Api.withRoles("ci-gate");
        String version = WalkingSkeletonIT.register(ci, model);
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        assertEquals(201, ci.send("PUT", "/api/v1/models/" + model + "/versions/1.1.0", "application/yaml",
                WalkingSkeletonIT.CARD_YAML.formatted(model).replace("version: 1.0.0", "version: 1.1.0").getBytes()).status());
        List<jakarta.json.JsonObject> findings = Api.withRoles("auditor").get("/api/v1/audits/" + audit.json().getString("id")).json()
                .getJsonArray("findings").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(f -> f.getString("rule").equals("four-fifths-impact-ratio")).toList();
        jakarta.json.JsonObject worst = findings.stream().filter(f -> f.get("value") instanceof jakarta.json.JsonNumber)
                .min(java.util.Comparator.comparingDouble(f -> f.getJsonNumber("value").doubleValue())).orElseThrow();

        HttpClient auditor = signedIn("auditor", demoPassword("auditor"));
        HttpResponse<String> page = get(auditor, LibertyServer.get().base().resolve("/portal/models/" + model));
        assertEquals(200, page.statusCode(), page.body());
        String trends = page.body().substring(page.body().indexOf("id=\"trends\""), page.body().indexOf("id=\"history\""));
        String title = "eeoc-four-fifths / four-fifths-impact-ratio: impact_ratio, worst group";
        assertTrue(trends.contains("<svg class=\"chart series\" role=\"img\"") && trends.contains(">" + title + "</title>")
                && trends.contains("class=\"threshold\"") && trends.contains("Threshold &gt;= 0.8"), trends);
        List<List<String>> rows = tableRows(trends, title + ", per version");
        assertEquals(List.of("1.0.0", worst.getString("scope") + " = " + worst.getString("group"),
                dev.assay.infrastructure.Figures.number(worst.getJsonNumber("value").doubleValue())), rows.get(0).subList(0, 3),
                "the worst group of 1.0.0's audit: " + rows);
        assertEquals(worst.getString("outcome"), rows.get(0).get(4));
        assertEquals(List.of("1.1.0", "–", "undefined", "", "–", "no finished audit"), rows.get(1), "undefined with its reason");
        assertTrue(trends.contains("1.1.0: undefined (no finished audit)") && trends.contains("class=\"undefined\""),
                "drawn as undefined in the chart, described for screen readers: " + trends);
    }

    @Test
    void stylesheetAndHtmxAreServedWithTheirTypes() throws Exception {
        Api.Reply css = Api.anonymous().get("/portal/assets/portal.css");
        assertEquals(200, css.status());
        assertTrue(css.contentType().startsWith("text/css"), css.contentType());
        Api.Reply htmx = Api.anonymous().get("/portal/assets/htmx.min.js");
        assertEquals(200, htmx.status());
        assertTrue(htmx.contentType().startsWith("text/javascript") && htmx.text().contains("htmx"), htmx.contentType());
        assertEquals(404, Api.anonymous().get("/portal/assets/nothing.css").status());
    }

    @Test
    void anyoneVerifiesAReportPdfOnTheVerifyPage() throws Exception {
        Api admin = Api.withRoles("auditor");
        String audit = admin.get("/api/v1/models/loan-approval/versions/1.1.0/gate").json().getString("audit");
        byte[] pdf = admin.get("/api/v1/audits/" + audit + "/report", "application/pdf").body();
        Map<String, Map.Entry<String, byte[]>> parts = new LinkedHashMap<>();
        parts.put("pdf", Map.entry("application/pdf", pdf));
        Api.Reply valid = Api.anonymous().multipart("/portal/verify", parts);
        assertEquals(200, valid.status());
        assertTrue(valid.text().contains("\u2714 Valid"), valid.text());
        // The page names the report it checked, from the signed JSON the PDF carries.
        assertTrue(valid.text().contains("The report of model <strong>loan-approval</strong>")
                && valid.text().contains("version <strong>1.1.0</strong>") && valid.text().contains("<code>" + audit + "</code>")
                && valid.text().contains("decision <strong>" + admin.get("/api/v1/audits/" + audit).json().getString("decision") + "</strong>"),
                valid.text());
        pdf[pdf.length / 2] ^= 1;
        Api.Reply invalid = Api.anonymous().multipart("/portal/verify", parts);
        assertTrue(invalid.text().contains("\u2716 Invalid"), invalid.text());
        assertFalse(invalid.text().contains("The report of model"), "a document whose signature fails is not named as checked");
        assertEquals(400, Api.anonymous().multipart("/portal/verify", new LinkedHashMap<>()).status());
    }
}
