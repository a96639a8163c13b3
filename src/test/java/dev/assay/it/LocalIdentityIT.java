package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.assay.it.OidcIdentityIT.csrf;
import static dev.assay.it.OidcIdentityIT.get;
import static dev.assay.it.OidcIdentityIT.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local mode: the portal's form sign-in (session cookie, CSRF, security headers, no session
 * fixation), failed-attempt limits, the demo users, and accounts and tokens managed by an admin.
 */
@ExtendWith(LibertyServer.class)
class LocalIdentityIT {

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieJar()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static String form(String username, String password, String csrf) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + csrf + "&next=%2Fportal%2F";
    }

    @Test
    void portalFormSignInWithCsrfSessionCookieAndSecurityHeaders() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        HttpResponse<String> home = get(browser, base.resolve("/portal/"));
        assertEquals(303, home.statusCode());
        assertTrue(home.headers().firstValue("location").orElseThrow().contains("/portal/login?next="));

        HttpResponse<String> login = get(browser, base.resolve("/portal/login"));
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("<label for=\"password\">"), login.body());
        String before = sessionCookie(login);
        assertTrue(before.contains("HttpOnly") && before.contains("SameSite=Lax"), before);
        assertEquals("nosniff", login.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals("no-referrer", login.headers().firstValue("referrer-policy").orElseThrow());
        String csp = login.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), csp);

        String password = LibertyServer.get().adminPassword();
        assertEquals(403, post(browser, base.resolve("/portal/login"), form("admin", password, "forged")).statusCode());
        HttpResponse<String> signedIn = post(browser, base.resolve("/portal/login"), form("admin", password, csrf(login.body())));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        // A new session id at sign-in: a session planted before it is worth nothing after.
        assertNotEquals(value(before), value(sessionCookie(signedIn)));

        HttpResponse<String> page = get(browser, base.resolve("/portal/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed in as <strong>admin</strong>"), page.body());
        assertTrue(page.body().contains("loan-approval"), "the demo model is listed");

        assertEquals(403, post(browser, base.resolve("/portal/logout"), "csrf=forged").statusCode());
        HttpResponse<String> out = post(browser, base.resolve("/portal/logout"), "csrf=" + csrf(page.body()));
        assertEquals(303, out.statusCode());
        assertEquals(base.resolve("/portal/signed-out"), URI.create(out.headers().firstValue("location").orElseThrow()));
        assertEquals(303, get(browser, base.resolve("/portal/")).statusCode());
    }

    @Test
    void failedSignInsAreLimitedPerUserAndSource() throws Exception {
        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        String user = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            String token = csrf(get(browser, base.resolve("/portal/login")).body());
            assertEquals(401, post(browser, base.resolve("/portal/login"), form(user, "wrong-" + i, token)).statusCode());
        }
        String token = csrf(get(browser, base.resolve("/portal/login")).body());
        HttpResponse<String> limited = post(browser, base.resolve("/portal/login"), form(user, "wrong-again", token));
        assertEquals(429, limited.statusCode());
        assertTrue(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow()) > 0);
        // The same limit guards HTTP basic on the token endpoint.
        Api basic = Api.anonymous().withAuthorization("Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":wrong").getBytes(StandardCharsets.UTF_8)));
        Api.Reply refused = basic.send("POST", "/api/v1/tokens", "application/json", "{}".getBytes());
        assertEquals(429, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
    }

    @Test
    void demoUsersArePrintedOnceAndCanSignIn() throws Exception {
        String log = Files.readString(java.nio.file.Path.of(System.getProperty("assay.wlp.dir", "target/liberty/wlp"))
                .resolve("usr/servers/assay/logs/messages.log"));
        Matcher m = Pattern.compile("auditor \\(auditor\\) password (\\S+)").matcher(log);
        assertTrue(m.find(), "the demo users' passwords are in the log");
        String password = m.group(1);
        assertTrue(!m.find(), "printed once");
        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        String token = csrf(get(browser, base.resolve("/portal/login")).body());
        assertEquals(303, post(browser, base.resolve("/portal/login"), form("auditor", password, token)).statusCode());
        HttpResponse<String> page = get(browser, base.resolve("/portal/"));
        assertTrue(page.body().contains("(auditor)"), page.body());
    }

    @Test
    void anAdminManagesAccountsAndTokensAndTheLedgerNamesWhoDidIt() throws Exception {
        String adminToken = "account-admin-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply adminIssued = Api.admin().send("POST", "/api/v1/tokens", "application/json",
                ("{\"name\":\"" + adminToken + "\",\"roles\":[\"admin\"]}").getBytes());
        Api admin = Api.anonymous().withAuthorization("Bearer " + adminIssued.json().getString("token"));
        String name = "it-user-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = admin.send("POST", "/api/v1/users", "application/json",
                ("{\"username\":\"" + name + "\",\"roles\":[\"auditor\"]}").getBytes());
        assertEquals(201, created.status(), created.text());
        String password = created.json().getString("password");
        assertEquals(409, admin.send("POST", "/api/v1/users", "application/json",
                ("{\"username\":\"" + name + "\",\"roles\":[\"auditor\"]}").getBytes()).status());
        Api.Reply invalid = admin.send("POST", "/api/v1/users", "application/json", "{\"username\":\"A B\",\"roles\":[\"boss\"]}".getBytes());
        assertEquals(422, invalid.status());
        assertTrue(invalid.text().contains("/username") && invalid.text().contains("/roles/0"), invalid.text());
        assertTrue(admin.get("/api/v1/users").text().contains(name));

        URI base = LibertyServer.get().base();
        HttpClient browser = browser();
        assertEquals(303, post(browser, base.resolve("/portal/login"),
                form(name, password, csrf(get(browser, base.resolve("/portal/login")).body()))).statusCode());
        assertEquals(200, get(browser, base.resolve("/portal/")).statusCode(), "signed in");
        assertEquals(204, admin.send("POST", "/api/v1/users/" + name + "/disable", null, null).status());
        assertEquals(303, get(browser, base.resolve("/portal/")).statusCode(), "disabling ends the open session too");
        Api.Reply lastAdmin = admin.send("POST", "/api/v1/users/admin/disable", null, null);
        assertEquals(409, lastAdmin.status(), "the last enabled admin account stays");
        assertTrue(lastAdmin.text().contains("last enabled admin"), lastAdmin.text());
        HttpClient later = browser();
        assertEquals(401, post(later, base.resolve("/portal/login"),
                form(name, password, csrf(get(later, base.resolve("/portal/login")).body()))).statusCode());

        Api.Reply issued = admin.send("POST", "/api/v1/tokens", "application/json", "{\"name\":\"to-revoke\",\"roles\":[\"auditor\"]}".getBytes());
        JsonObject token = issued.json();
        Api holder = Api.anonymous().withAuthorization("Bearer " + token.getString("token"));
        assertEquals(200, holder.get("/api/v1/models").status());
        Api.Reply listed = admin.get("/api/v1/tokens");
        assertTrue(listed.text().contains(token.getString("id")) && !listed.text().contains(token.getString("token")),
                "tokens are listed without their secrets");
        assertEquals(204, admin.send("DELETE", "/api/v1/tokens/" + token.getString("id"), null, null).status());
        assertEquals(401, holder.get("/api/v1/models").status());

        var entries = admin.get("/api/v1/ledger?limit=1000").json().getJsonArray("entries").getValuesAs(JsonObject.class);
        for (String kind : java.util.List.of("user.created", "user.disabled", "token.revoked")) {
            assertTrue(entries.stream().anyMatch(e -> e.getString("kind").equals(kind) && e.getString("actor").equals("token:" + adminToken)),
                    kind + " by admin in " + entries);
        }
    }

    private static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("ASSAY_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
    }

    private static String value(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
