package dev.assay.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String log = Files.readString(java.nio.file.Path.of(System.getProperty("assay.wlp.dir", "target/liberty/wlp"))
                .resolve("usr/servers/assay/logs/messages.log"));
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
        pdf[pdf.length / 2] ^= 1;
        Api.Reply invalid = Api.anonymous().multipart("/portal/verify", parts);
        assertTrue(invalid.text().contains("\u2716 Invalid"), invalid.text());
        assertEquals(400, Api.anonymous().multipart("/portal/verify", new LinkedHashMap<>()).status());
    }
}
